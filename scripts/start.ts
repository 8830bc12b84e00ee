// `npm start`: migrate the local D1, serve the Worker with `wrangler dev` on 127.0.0.1:$PORT, seed
// a demo program, partner and link through the admin API (idempotent), and print how to use them.
// Non-interactive: no prompt, works with CI=true and no stdin.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { seedDemo } from "./demo-seed.ts";
import { migrateAll } from "./shards.ts";

const port = Number(process.env.PORT ?? 8787);
const origin = `http://127.0.0.1:${port}`;
// No telemetry, and no attempt to download the `request.cf` sample (this may run offline).
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
};

/** The local secrets, each made at random the first time it is missing. */
const SECRETS = {
  ADMIN_TOKEN: () => randomBytes(24).toString("hex"),
  IP_HASH_KEY: () => randomBytes(32).toString("hex"),
  WEBHOOK_KEY: () => randomBytes(32).toString("hex"),
  // An AES-GCM key: exactly 32 bytes, base64 (src/platform/secret-box.ts).
  SOURCE_SECRETS_KEY: () => randomBytes(32).toString("base64"),
};

/** Reads `.dev.vars`, creating it (or adding a secret a newer version needs) with random values. */
function devVars(): Record<string, string> {
  const text = existsSync(".dev.vars") ? readFileSync(".dev.vars", "utf8") : "";
  const vars: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^\s*([A-Z_]+)\s*=\s*"?([^"]*)"?\s*$/.exec(line);
    if (match?.[1]) vars[match[1]] = match[2] ?? "";
  }
  const added: string[] = [];
  for (const [name, make] of Object.entries(SECRETS)) {
    if (vars[name]) continue;
    vars[name] = make();
    added.push(`${name}=${vars[name]}`);
  }
  if (added.length) {
    const separator = text && !text.endsWith("\n") ? "\n" : "";
    writeFileSync(".dev.vars", `${text}${separator}${added.join("\n")}\n`, { mode: 0o600 });
    if (added.some((line) => line.startsWith("ADMIN_TOKEN=")))
      console.log(`Created .dev.vars with a new admin token: ${vars.ADMIN_TOKEN}`);
  }
  return vars;
}

async function waitUntilServing(child: ChildProcess, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${origin}/api/openapi.json`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the Worker did not answer on ${origin} within ${timeoutMs / 1000} s`);
}

/** Wrangler's start-up output is kept back, and shown only if something fails. */
let held = "";
const hold = (chunk: Buffer) => {
  held += chunk.toString();
};
function fail(message: string): never {
  process.stderr.write(held);
  console.error(`\nStart failed: ${message}`);
  process.exit(1);
}

const vars = devVars();
let migrate: ReturnType<typeof migrateAll>;
try {
  migrate = migrateAll("--local", env);
} catch (error) {
  fail((error as Error).message);
}
held += migrate.output;
if (!migrate.ok) fail(`the local D1 migrations did not apply to ${migrate.binding}`);

// Locally, outbound endpoints may be local receivers (http://127.0.0.1:…): the URL safety rules
// that a deployed Worker keeps are lifted for this server only.
const server = spawn(
  "wrangler",
  ["dev", "--ip", "127.0.0.1", "--port", String(port), "--var", "OUTBOUND_ALLOW_INSECURE:true"],
  { stdio: ["ignore", "pipe", "pipe"], env },
);
server.stdout?.on("data", hold);
server.stderr?.on("data", hold);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => {
  if (code) process.stderr.write(held);
  process.exit(code ?? 0);
});

try {
  await waitUntilServing(server);
  const demo = await seedDemo(origin, vars.ADMIN_TOKEN as string);
  console.log(`
aecid-edge is serving on ${origin}

  Demo tracking link   ${demo.link.url}
  Conversion key       ${demo.key}
                       (new at each start: only its hash is stored, so earlier keys and the
                       postback URLs made with them stop working)
  Postback template    ${demo.postbackTemplate}
${demo.postbackExample ? `  Try a postback       ${demo.postbackExample}\n                       (for click ${demo.clickId}, made just now through the demo link)\n` : ""}
  Dashboard            ${origin}/dashboard/
  Partner portal       ${demo.partnerInvite}
                       (signs in once as the demo partner, for 7 days; a new one at each start)
  Admin token          ADMIN_TOKEN in .dev.vars (print it: grep ADMIN_TOKEN .dev.vars)
  Admin API            ${origin}/api  (Authorization: Bearer <ADMIN_TOKEN>)
  OpenAPI document     ${origin}/api/openapi.json

Requests are logged below. Stop with Ctrl+C.
`);
  // From here on, the Worker's own output (requests, errors) is shown as it comes.
  held = "";
  for (const stream of [server.stdout, server.stderr]) {
    stream?.off("data", hold);
    stream?.pipe(stream === server.stdout ? process.stdout : process.stderr);
  }
} catch (error) {
  server.kill("SIGTERM");
  fail(error instanceof Error ? error.message : String(error));
}
