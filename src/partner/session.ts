import {
  clearedCookies,
  newCredential,
  SESSION_PREFIX,
  sessionCookies,
} from "../domain/partner-credentials";
import { sha256Hex } from "../domain/secrets";
import {
  deleteSession,
  deleteSessionsStatement,
  insertSessionStatement,
} from "../storage/partner-sessions";

/**
 * A partner's browser sessions (issue 27). The cookie carries 256 random bits; D1 keeps only
 * their SHA-256, so a copy of the database signs nobody in.
 */

/** Starts a session for the partner: the Set-Cookie values to answer with. */
export async function startSession(
  env: Env,
  partnerId: string,
  via: "invite" | "passkey",
  now: number,
): Promise<string[]> {
  const session = newCredential(SESSION_PREFIX);
  const tokenHash = await sha256Hex(session);
  await insertSessionStatement(env.DB, { tokenHash, partnerId, via, now }).run();
  return sessionCookies(session);
}

/** Ends this session: the row goes, and the browser is told to drop the cookie. */
export async function endSession(env: Env, sessionHash: string): Promise<string[]> {
  await deleteSession(env.DB, sessionHash);
  return clearedCookies();
}

/** "Sign out everywhere": every session of the partner ends, this one too. */
export async function endEverySession(env: Env, partnerId: string): Promise<string[]> {
  await deleteSessionsStatement(env.DB, partnerId).run();
  return clearedCookies();
}
