import { newSecret } from "../domain/ids";

/**
 * A request's ID (SPEC "Admin API"): Cloudflare's `cf-ray`, which the edge sets on every
 * request, else (locally) 16 random hex
 * digits. A `cf-ray` of unexpected shape is not trusted
 * into the logs: only Cloudflare's edge sets it in production, and anyone can send one to `wrangler
 * dev`.
 */
const RAY = /^[0-9A-Za-z-]{1,64}$/;

export function requestIdOf(request: Request): string {
  const ray = request.headers.get("cf-ray");
  if (ray !== null && RAY.test(ray)) return ray;
  // 64 bits from the IDs' pooled randomness: no native call per request on the redirect's path.
  return newSecret().slice(0, 16);
}

/** `response` with its `X-Request-Id`, copied first when its headers are immutable. */
export function withRequestId(response: Response, id: string): Response {
  try {
    response.headers.set("X-Request-Id", id);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set("X-Request-Id", id);
    return copy;
  }
}
