import { hmac } from "../domain/secrets";

const encoder = new TextEncoder();
/** A SHA-256 MAC in base64: 32 bytes, 43 characters and one `=`. */
const BASE64_SHA256 = /^[A-Za-z0-9+/]{43}=$/;

function toBase64(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)));
}

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
  const signature = encoder.encode(given);
  let matched = false;
  for (const secret of secrets) {
    const expected = encoder.encode(toBase64(await hmac(secret, payload)));
    // Same length by construction (44 characters), so the comparison can be constant-time.
    if (crypto.subtle.timingSafeEqual(signature, expected)) matched = true;
  }
  return matched;
}
