// docs/outbound.md's operator guide, run as written: the example receiver verifies a real signed
// delivery from `npm start`, and refuses the same body with a signature that does not match.
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, describe, expect, inject, it } from "vitest";
import { adminApi, freePort } from "./server.ts";

const server = inject("server");
let receiver: ChildProcess | undefined;

afterAll(() => {
  receiver?.kill();
});

describe("docs/outbound.md: verifying a webhook", () => {
  it("accepts a real delivery and refuses a forged one", async () => {
    const port = await freePort();
    const created = await adminApi<{ id: string; secret: string }>(server, "POST", "/endpoints", {
      url: `http://127.0.0.1:${port}/aecid`,
      method: "POST",
      events: ["conversion.registered"],
    });
    expect(created.status).toBe(201);
    expect(created.json.secret).toMatch(/^whsec_/);

    let printed = "";
    receiver = spawn("node", ["examples/verify-webhook.mjs"], {
      env: { ...process.env, WEBHOOK_SECRET: created.json.secret, PORT: String(port) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    receiver.stdout?.on("data", (chunk) => {
      printed += chunk;
    });
    // Listening: a forged request is refused.
    let forged: Response | undefined;
    for (let tries = 0; !forged && tries < 50; tries++) {
      forged = await fetch(`http://127.0.0.1:${port}/aecid`, {
        method: "POST",
        headers: {
          "webhook-id": "msg_forged",
          "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
          "webhook-signature": `v1,${btoa("not the signature, 32 bytes long")}`,
        },
        body: '{"type":"conversion.registered","timestamp":"2026-01-01T00:00:00Z","data":{}}',
      }).catch(() => undefined);
      if (!forged) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(forged?.status).toBe(400);

    const test = await adminApi(server, "POST", `/endpoints/${created.json.id}/test`);
    expect(test.json).toMatchObject({ ok: true, http_status: 204 });
    expect(printed).toMatch(/^verified conversion\.registered [0-9a-f]{24}: 1234 EUR, 123$/m);

    const log = await adminApi<{ data: unknown[] }>(
      server,
      "GET",
      `/deliveries?endpoint_id=${created.json.id}`,
    );
    expect(log.json.data[0]).toMatchObject({ outcome: "test", http_status: 204 });
  });
});
