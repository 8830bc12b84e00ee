// `npm run dead-letters:replay -- [origin] [--include-old]`: sends every dead-lettered click batch
// back to the click queue through the admin API (POST /api/dead-letters/replay, which sends each
// call's share in groups under the Queues limits), and says how many went. Letters dead for longer
// than their receipts can vouch for are held back (their counters could count twice) unless
// `--include-old` is given. The origin defaults to PUBLIC_BASE_URL, else the local `npm start`
// (http://127.0.0.1:$PORT); the token is ADMIN_TOKEN from the environment, else from .dev.vars.
import { existsSync, readFileSync } from "node:fs";

const args = process.argv.slice(2);
const includeOld = args.includes("--include-old");
const origin = (
  args.find((arg) => !arg.startsWith("--")) ??
  process.env.PUBLIC_BASE_URL ??
  `http://127.0.0.1:${process.env.PORT ?? 8787}`
).replace(/\/+$/, "");
const token =
  process.env.ADMIN_TOKEN ??
  (existsSync(".dev.vars")
    ? /^ADMIN_TOKEN=(.+)$/m.exec(readFileSync(".dev.vars", "utf8"))?.[1]?.trim()
    : undefined);
if (!token) {
  console.error("Set ADMIN_TOKEN (the Worker's admin token) in the environment.");
  process.exit(1);
}

let total = 0;
for (;;) {
  const query = includeOld ? "?include_old=true" : "";
  const response = await fetch(`${origin}/api/dead-letters/replay${query}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) {
    console.error(`${origin}: HTTP ${response.status} ${await response.text()}`);
    process.exit(1);
  }
  const { replayed, remaining, held_back, message } = (await response.json()) as {
    replayed: number;
    remaining: number;
    held_back: number;
    message?: string;
  };
  total += replayed;
  if (replayed === 0 || remaining <= held_back) {
    console.log(`Replayed ${total} dead-lettered click batch(es); ${remaining} left.`);
    if (message)
      console.log(
        message.replace("call again with ?include_old=true", "run again with --include-old"),
      );
    break;
  }
}
