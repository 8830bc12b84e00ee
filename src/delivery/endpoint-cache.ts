import { type ConversionEvent, type Endpoint, endpointWants } from "../domain/outbound";
import { endpointsFor } from "../storage/endpoints";

/**
 * The enabled endpoints per program and partner, kept by the isolate for a few seconds: a burst
 * of conversions costs one read. An admin change clears this isolate's copy at once; another
 * isolate sees it within CACHE_MS (an endpoint disabled or deleted there may still get a
 * delivery for that long).
 */
const CACHE_MS = 10_000;
const cached = new Map<string, { endpoints: Promise<Endpoint[]>; until: number }>();

/**
 * The endpoints an event goes to; concurrent events of one program and partner share a read. An
 * endpoint hears of what happened since it was created: a registration told again by a replay
 * (postback/replay.ts) carries its own time and does not reach endpoints created after it.
 */
export async function endpointsWanting(env: Env, event: ConversionEvent): Promise<Endpoint[]> {
  const { programId, partnerId } = event.conversion;
  const key = `${programId}|${partnerId}`;
  const now = Date.now();
  let entry = cached.get(key);
  if (!entry || entry.until <= now) {
    const endpoints = endpointsFor(env.DB, programId, partnerId);
    entry = { endpoints, until: now + CACHE_MS };
    if (cached.size > 1_000) cached.clear();
    cached.set(key, entry);
    // A failed read is not kept: the next event reads again.
    endpoints.catch(() => cached.get(key) === entry && cached.delete(key));
  }
  return (await entry.endpoints).filter(
    (e) => e.createdAt <= event.at && endpointWants(e, event.type, event.conversion),
  );
}

export function forgetEndpoints(): void {
  cached.clear();
}
