/**
 * Link IDs made since the durable click pipeline carry a signature: 8 random characters, then 4
 * of HMAC-SHA-256 over them (24 bits), keyed by a secret the Worker holds. A redirect can then
 * tell an ID it never issued without asking the database: a random 12-character ID passes with a
 * chance of 1 in 16.7 million. Older IDs (10 random characters) carry none and are looked up
 * under a budget.
 */
import { hmacHex } from "./secrets";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
export const SIGNED_LINK_ID_LENGTH = 12;
const RANDOM_LENGTH = 8;

async function signature(secret: string, random: string): Promise<string> {
  const mac = await hmacHex(secret, `link-id:${random}`);
  let bits = Number.parseInt(mac.slice(0, 6), 16);
  let out = "";
  for (let i = 0; i < 4; i++) {
    out = (ALPHABET[bits & 63] as string) + out;
    bits >>>= 6;
  }
  return out;
}

/** A new signed link ID, from `random` (8 URL-safe characters). */
export async function signLinkId(secret: string, random: string): Promise<string> {
  if (random.length !== RANDOM_LENGTH)
    throw new Error("a signed link ID takes 8 random characters");
  return random + (await signature(secret, random));
}

/** Whether the ID is one this secret signed. */
export async function isSignedLinkId(secret: string, id: string): Promise<boolean> {
  if (id.length !== SIGNED_LINK_ID_LENGTH) return false;
  const random = id.slice(0, RANDOM_LENGTH);
  const expected = await signature(secret, random);
  // Compared in constant time: a signature must not be guessable character by character.
  let difference = 0;
  for (let i = 0; i < expected.length; i++) {
    difference |= expected.charCodeAt(i) ^ id.charCodeAt(RANDOM_LENGTH + i);
  }
  return difference === 0;
}
