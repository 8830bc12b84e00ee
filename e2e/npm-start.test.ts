// `npm start` as a new user meets it, and the README's curl walk-through run as written.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";

const server = inject("server");

describe("npm start", () => {
  it("keeps wrangler's start-up output back and ends with its banner", () => {
    const output = server.startOutput;
    const bannerAt = output.indexOf("aecid-edge is serving on");
    expect(bannerAt).toBeGreaterThan(-1);
    const before = output
      .slice(0, bannerAt)
      .split("\n")
      .filter((line) => line.trim() !== "");
    // npm's own two script headers and the first start's .dev.vars line, nothing of wrangler's.
    expect(before.length, before.join("\n")).toBeLessThanOrEqual(8);
    expect(output.slice(0, bannerAt)).not.toMatch(/wrangler|Migrations|⛅️|\[wrangler/i);
  });

  it("says the demo key is new at each start, and where the admin token is", () => {
    const banner = server.startOutput.slice(server.startOutput.indexOf("aecid-edge is serving on"));
    expect(banner).toMatch(/new at each start/);
    expect(banner).toMatch(/stop working/);
    expect(banner).toMatch(/Dashboard\s+http:\/\/127\.0\.0\.1:\d+\/dashboard\//);
    expect(banner).toMatch(/Admin token\s+ADMIN_TOKEN in \.dev\.vars/);
    expect(banner).not.toContain(server.adminToken);
  });

  it("prints a one-time sign-in to the partner portal, at localhost, that signs the demo partner in", async () => {
    const banner = server.startOutput.slice(server.startOutput.indexOf("aecid-edge is serving on"));
    const url = /Partner portal\s+(http:\/\/localhost:\d+\/partner\/#invite=pi_[\w-]{43})/.exec(
      banner,
    )?.[1];
    expect(url, banner).toBeDefined();
    const token = new URL(url as string).hash.slice("#invite=".length);
    const signIn = await fetch(`http://127.0.0.1:${server.port}/api/partner/sign-in/invite`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token }),
    });
    expect(signIn.status).toBe(200);
    expect(((await signIn.json()) as { partner: { name: string } }).partner.name).toBe(
      "Demo partner",
    );
  });
});

describe("the README's curl walk-through", () => {
  it("runs as written and answers each status its comments promise", () => {
    const readme = readFileSync("README.md", "utf8");
    const section = readme.slice(readme.indexOf("## Walk-through with curl"));
    const script = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
    expect(script).toContain("PROGRAM_JSON");
    const run = spawnSync("bash", ["-eu", "-o", "pipefail", "-c", script], {
      env: { ...process.env, PORT: String(server.port) },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const statuses = run.stdout.match(/HTTP \d{3}/g);
    expect(statuses).toEqual([
      "HTTP 201",
      "HTTP 201",
      "HTTP 201",
      "HTTP 302",
      "HTTP 201",
      "HTTP 200",
      "HTTP 409",
      "HTTP 200",
      "HTTP 200",
    ]);
    expect(run.stdout).toContain('"status":"registered"');
    expect(run.stdout).toContain('"replay":true');
    expect(run.stdout).toContain("click_already_converted");
  });
});
