/**
 * Identifiers of the public contract (SPEC "Identifiers").
 *
 * Click, program, partner and conversion IDs share one construction: 4 bytes of Unix time in
 * seconds (big-endian) then 8 bytes from `crypto.getRandomValues`, as 24 lowercase hex. The time
 * prefix makes them sort by time (so a primary key doubles as the time index) and tells a click's
 * age without a lookup; the random part makes them unguessable.
 */

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));
/** Click, program, partner and conversion IDs: 24 hex characters (upper case accepted on input). */
export const ID_PATTERN = /^[0-9a-f]{24}$/i;
/** Link IDs: 8 to 16 URL-safe characters. */
export const LINK_ID_PATTERN = /^[A-Za-z0-9_-]{8,16}$/;
const LINK_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

/**
 * Random bytes are drawn from `crypto.getRandomValues` 4 KiB at a time and handed out once each:
 * the same CSPRNG output, without a native call per ID (which showed in the redirect's profile).
 * Filled lazily, since Workers allow no randomness at module scope.
 */
const POOL_SIZE = 4096;
let pool = new Uint8Array(0);
let poolOffset = 0;

function randomBytes(count: number): Uint8Array {
  if (poolOffset + count > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_SIZE));
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + count);
  poolOffset += count;
  return bytes;
}
export const MAX_ID_SECONDS = 0xffff_ffff;

/** A new time-prefixed ID. `nowMs` is only a parameter so tests can pin the clock. */
export function newId(nowMs: number = Date.now()): string {
  const random = randomBytes(8);
  const seconds = Math.floor(nowMs / 1000);
  let id = HEX[seconds >>> 24] as string;
  id += HEX[(seconds >>> 16) & 0xff];
  id += HEX[(seconds >>> 8) & 0xff];
  id += HEX[seconds & 0xff];
  for (const byte of random) id += HEX[byte];
  return id;
}

/** The canonical (lower-case) form of an ID, or null when it is not 24 hex characters. */
export function parseId(input: string): string | null {
  return ID_PATTERN.test(input) ? input.toLowerCase() : null;
}

/** The Unix time, in seconds, written in an ID's first 4 bytes. */
export function idSeconds(id: string): number {
  return Number.parseInt(id.slice(0, 8), 16);
}

/**
 * The smallest ID that can carry a time at or after `seconds`: a bound for primary-key range scans
 * ("clicks since…") that needs no separate time index.
 */
export function idLowerBound(seconds: number): string {
  const clamped = Math.min(Math.max(Math.floor(seconds), 0), MAX_ID_SECONDS);
  return `${clamped.toString(16).padStart(8, "0")}0000000000000000`;
}

/** A new random link ID: 10 URL-safe characters (60 bits). */
export function newLinkId(length = 10): string {
  const bytes = randomBytes(length);
  let id = "";
  // 64 symbols divide 256 evenly, so masking keeps the distribution uniform.
  for (const byte of bytes) id += LINK_ALPHABET[byte & 63];
  return id;
}

export function isLinkId(input: string): boolean {
  return LINK_ID_PATTERN.test(input);
}

/** 24 lowercase hex characters of randomness (96 bits): the secret half of a conversion key. */
export function newSecret(): string {
  let secret = "";
  for (const byte of randomBytes(12)) secret += HEX[byte];
  return secret;
}

/** A postback-log row ID: 12 hex digits of Unix milliseconds, then 12 random hex digits. */
export function newLogId(now: number): string {
  return now.toString(16).padStart(12, "0") + newSecret().slice(0, 12);
}

/** Standard base64 (with padding) of raw bytes: a MAC, a ciphertext, an IV. */
export function toBase64(bytes: ArrayBuffer | Uint8Array): string {
  return btoa(
    String.fromCharCode(...(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes))),
  );
}

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  let hex = "";
  for (const byte of bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)) hex += HEX[byte];
  return hex;
}
