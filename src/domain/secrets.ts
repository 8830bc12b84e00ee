import { newSecret, parseId, toHex } from "./ids";

const encoder = new TextEncoder();

export async function sha256Hex(text: string): Promise<string> {
  return toHex(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

/**
 * Compares two strings in time that depends on neither their content nor their lengths:
 * both are hashed to 32 bytes first, then compared with the runtime's constant-time primitive.
 */
export async function constantTimeEqual(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(given)),
    crypto.subtle.digest("SHA-256", encoder.encode(expected)),
  ]);
  return crypto.subtle.timingSafeEqual(a, b);
}

/**
 * Two digests or MACs of one fixed length, as text (SHA-256 hex, an HMAC in hex or base64),
 * compared in constant time. They are hashes already: hashing them again, as `constantTimeEqual`
 * does for secrets of any length, hides nothing more (and was two digests per comparison on every
 * postback). A length that differs (no hash stored, a malformed header) is no secret.
 */
export function hashesEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  return crypto.subtle.timingSafeEqual(encoder.encode(a), encoder.encode(b));
}

/** The conversion key shown to the advertiser: `<programId>-<secret>`. */
export interface ConversionKey {
  programId: string;
  secret: string;
}

const KEY_PATTERN = /^([0-9a-fA-F]{24})-([0-9a-fA-F]{24})$/;

export function parseConversionKey(input: string | undefined | null): ConversionKey | null {
  const match = input ? KEY_PATTERN.exec(input.trim()) : null;
  if (!match) return null;
  return {
    programId: (match[1] as string).toLowerCase(),
    secret: (match[2] as string).toLowerCase(),
  };
}

export function formatConversionKey(key: ConversionKey): string {
  return `${key.programId}-${key.secret}`;
}

/**
 * What is stored of a key. The secret carries 96 random bits, so a plain SHA-256 (salted with the
 * program ID) cannot be brute-forced; a slow password hash would only cost CPU per postback.
 */
export function conversionKeyHash(key: ConversionKey): Promise<string> {
  return sha256Hex(`${key.programId}:${key.secret}`);
}

export function newConversionKey(programId: string): ConversionKey {
  const id = parseId(programId);
  if (!id) throw new Error("program id must be 24 hex characters");
  return { programId: id, secret: newSecret() };
}

/** HMAC-SHA-256 keys are imported once per isolate and secret, not once per request. */
const hmacKeys = new Map<string, Promise<CryptoKey>>();

/** HMAC-SHA-256 of `message` under `secret`. */
export async function hmac(secret: string, message: string): Promise<ArrayBuffer> {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      "raw",
      encoder.encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    hmacKeys.set(secret, key);
  }
  return crypto.subtle.sign("HMAC", await key, encoder.encode(message));
}

export async function hmacHex(secret: string, message: string): Promise<string> {
  return toHex(await hmac(secret, message));
}
