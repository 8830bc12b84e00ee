// A click through the Worker's own fetch handler, with bindings swapped (a D1 spy, variables).
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../src/index";
import { HUMAN_UA, ORIGIN } from "./helpers";

export /** Calls the Worker's fetch handler with a D1 spy in its env, and waits for its waitUntil work. */
async function clickThrough(linkId: string, db: D1Database, vars: Partial<Env> = {}) {
  const ctx = createExecutionContext();
  const request = new Request(`${ORIGIN}/c/${linkId}`, {
    headers: { "User-Agent": HUMAN_UA, "CF-Connecting-IP": "192.0.2.1" },
  });
  const response = await worker.fetch(request, { ...env, DB: db, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}
