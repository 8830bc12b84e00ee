// `npm run dead-letters:replay -- [origin]`: sends every dead-lettered click batch back to the
// click queue, 100 at a time, through the admin API (POST /api/dead-letters/replay), and says how
// many went. The origin defaults to PUBLIC_BASE_URL, else the local `npm start`
// (http://127.0.0.1:$PORT); the token is ADMIN_TOKEN from the environment, else from .dev.vars.
import { existsSync, readFileSync } from "node:fs";

const origin = (
  process.argv[2] ??
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
  const response = await fetch(`${origin}/api/dead-letters/replay`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) {
    console.error(`${origin}: HTTP ${response.status} ${await response.text()}`);
    process.exit(1);
  }
  const { replayed, remaining } = (await response.json()) as {
    replayed: number;
    remaining: number;
  };
  total += replayed;
  if (replayed === 0 || remaining === 0) {
    console.log(`Replayed ${total} dead-lettered click batch(es); ${remaining} left.`);
    break;
  }
}
