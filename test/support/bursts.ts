// Many visits through the Worker's own fetch handler at once, with bindings swapped.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../src/index";
import { HUMAN_UA, ORIGIN } from "./helpers";

/** `count` concurrent visits; waits for all their after-work. */
export async function burst(
  linkId: string,
  count: number,
  bindings: Partial<Env> = {},
  ua = HUMAN_UA,
  query = (i: number) => `sub1=${i}`,
) {
  const contexts = Array.from({ length: count }, () => createExecutionContext());
  const responses = await Promise.all(
    contexts.map((ctx, i) =>
      worker.fetch(
        new Request(`${ORIGIN}/c/${linkId}?${query(i)}`, {
          headers: { "User-Agent": ua, "CF-Connecting-IP": "192.0.2.1" },
        }),
        { ...env, ...bindings },
        ctx,
      ),
    ),
  );
  await Promise.all(contexts.map((ctx) => waitOnExecutionContext(ctx)));
  return responses;
}
