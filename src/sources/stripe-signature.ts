import { hashesEqual, hmacHex } from "../domain/secrets";

/** Stripe's own default, and the issue's: an event signed longer ago than this is refused. */
export const STRIPE_TOLERANCE_SECONDS = 300;

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** `t=…,v1=…,v1=…` (v0 and unknown schemes ignored), or null when it has no usable shape. */
export function parseStripeSignature(header: string | null) {
  if (!header || header.length > 4096) return null;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const at = part.indexOf("=");
    const name = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (name === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (name === "v1" && HEX_SHA256.test(value)) signatures.push(value);
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

/**
 * Whether `payload` (the raw body, as received) carries a `v1` signature under one of `secrets`:
 * HMAC-SHA256 of `t.payload`, with `t` within the tolerance of `nowMs` either way. During a
 * rotation Stripe signs with both secrets (several `v1`), and the source accepts the previous one
 * for 24 h. Each comparison is constant-time (`timingSafeEqual`), every pair is compared, and
 * nothing is said of which part failed.
 */
export async function verifyStripeSignature(
  header: string | null,
  payload: string,
  secrets: string[],
  nowMs: number,
): Promise<boolean> {
  const parsed = parseStripeSignature(header);
  if (!parsed) return false;
  if (Math.abs(nowMs / 1000 - parsed.timestamp) > STRIPE_TOLERANCE_SECONDS) return false;
  let matched = false;
  for (const secret of secrets) {
    const expected = await hmacHex(secret, `${parsed.timestamp}.${payload}`);
    for (const signature of parsed.signatures) {
      // Same length by construction (64 hex digits), so the comparison is constant-time.
      if (hashesEqual(signature, expected)) matched = true;
    }
  }
  return matched;
}
