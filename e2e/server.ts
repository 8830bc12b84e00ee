// Runs `npm start` (migrations, demo seed, wrangler dev) on a free port, as a person would.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

export interface ServerInfo {
  origin: string;
  port: number;
  adminToken: string;
  demoLink: string;
  conversionKey: string;
  /** What `npm start` printed up to and including its banner. */
  startOutput: string;
}

export interface Started extends ServerInfo {
  stop: () => void;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

export async function startServer(): Promise<Started> {
  const port = await freePort();
  const child: ChildProcess = spawn("npm", ["start"], {
    env: { ...process.env, PORT: String(port), CI: "true" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const stop = () => {
    if (child.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  };
  const deadline = Date.now() + 150_000;
  while (!output.includes("Stop with Ctrl+C")) {
    if (child.exitCode !== null || Date.now() > deadline) {
      stop();
      throw new Error(`npm start did not come up:\n${output.slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const line = (label: string) => new RegExp(`${label}\\s+(\\S+)`).exec(output)?.[1] ?? "";
  const adminToken =
    /^ADMIN_TOKEN=(.+)$/m.exec(readFileSync(".dev.vars", "utf8"))?.[1]?.trim() ?? "";
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    startOutput: output,
    adminToken,
    demoLink: line("Demo tracking link"),
    conversionKey: line("Conversion key"),
    stop,
  };
}

/** One admin API call to the served Worker: its status and JSON answer. */
export async function adminApi<T = Record<string, unknown>>(
  server: ServerInfo,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  const response = await fetch(`${server.origin}/api${path}`, {
    method,
    headers: { Authorization: `Bearer ${server.adminToken}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as T };
}
