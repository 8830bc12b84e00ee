import { ipHash } from "../click/ip-hash";
import { admitTo } from "../postback/postback-limiter";

/**
 * The rate limit of a public form or sign-in step, per address: the limiter object `name`, one
 * bucket per keyed daily hash of the connecting IP (never the IP itself; "unknown" without one).
 */
export async function admitAddress(
  env: Env,
  name: string,
  connectingIp: string | undefined,
  limitPerMinute: number,
): Promise<true | { retryAfterSeconds: number }> {
  const address = (await ipHash(env, connectingIp ?? null, Date.now())) ?? "unknown";
  return admitTo(env, name, `a:${address}`, limitPerMinute);
}
