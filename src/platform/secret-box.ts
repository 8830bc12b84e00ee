import { toBase64 } from "../domain/ids";

/**
 * AES-GCM for the secrets the Worker must read back in clear (a conversion source's signing
 * secret: the platform's own, which cannot be derived as WEBHOOK_KEY derives ours). The key is
 * the SOURCE_SECRETS_KEY Worker secret, base64 of 32 bytes. Each ciphertext is bound to the
 * record it belongs to (`context`, the additional data): a ciphertext copied onto another source
 * does not open there.
 */
export interface Sealed {
  /** base64 of the ciphertext and its 16-byte tag. */
  ciphertext: string;
  /** base64 of the 12 random bytes. */
  iv: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** Imported once per isolate and key value. */
const keys = new Map<string, Promise<CryptoKey>>();

/** Why the key cannot serve, or null: the reason names the variable, never its value. */
export function sourceKeyProblem(env: Env): string | null {
  // Typed as set, but a deployment older than the secret may lack it.
  const raw = env.SOURCE_SECRETS_KEY as string | undefined;
  if (typeof raw !== "string" || raw === "") return "the SOURCE_SECRETS_KEY secret is not set";
  try {
    if (fromBase64(raw.trim()).length === 32) return null;
  } catch {
    // not base64: said below
  }
  return "the SOURCE_SECRETS_KEY secret must be base64 of 32 bytes (openssl rand -base64 32)";
}

function keyOf(env: Env): Promise<CryptoKey> {
  const problem = sourceKeyProblem(env);
  if (problem) return Promise.reject(new Error(problem));
  const raw = env.SOURCE_SECRETS_KEY.trim();
  let key = keys.get(raw);
  if (!key) {
    key = crypto.subtle.importKey("raw", fromBase64(raw), "AES-GCM", false, ["encrypt", "decrypt"]);
    keys.set(raw, key);
  }
  return key;
}

export async function seal(env: Env, plaintext: string, context: string): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: encoder.encode(context) },
    await keyOf(env),
    encoder.encode(plaintext),
  );
  return { ciphertext: toBase64(new Uint8Array(sealed)), iv: toBase64(iv) };
}

/** The plaintext; throws when the key, the context or the ciphertext is not the one sealed. */
export async function open(env: Env, sealed: Sealed, context: string): Promise<string> {
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: fromBase64(sealed.iv), additionalData: encoder.encode(context) },
    await keyOf(env),
    fromBase64(sealed.ciphertext),
  );
  return decoder.decode(plain);
}
