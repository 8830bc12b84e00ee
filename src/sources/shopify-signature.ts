import { toBase64 } from "../domain/ids";
import { hashesEqual, hmac } from "../domain/secrets";

/** A SHA-256 MAC in base64: 32 bytes, 43 characters and one `=`. */
const BASE64_SHA256 = /^[A-Za-z0-9+/]{43}=$/;

/**
 * Whether `X-Shopify-Hmac-Sha256` is the base64 HMAC-SHA256 of the raw body under one of
 * `secrets` (the current one, and the one a rotation replaced during its 24 h). Shopify signs no
 * timestamp, so there is no tolerance to check: replays are the webhook ID's business. Every
 * secret is compared, in constant time, and nothing says which failed.
 */
export async function verifyShopifySignature(
  header: string | null,
  payload: string,
  secrets: string[],
): Promise<boolean> {
  const given = header?.trim() ?? "";
  if (!BASE64_SHA256.test(given)) return false;
  let matched = false;
  for (const secret of secrets) {
    // Same length by construction (44 characters), so the comparison is constant-time.
    if (hashesEqual(given, toBase64(await hmac(secret, payload)))) matched = true;
  }
  return matched;
}
