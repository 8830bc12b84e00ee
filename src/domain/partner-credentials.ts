/**
 * The partner portal's credentials (issue 27), as plain rules: invites, sessions and API tokens
 * are 256 random bits, shown once, of which only a SHA-256 is kept (they are too random to
 * brute-force, so a slow hash would only cost CPU per request). The prefix says what a string is,
 * so a token pasted in the wrong place is recognised, and secret scanners can find leaked ones.
 */
import { toBase64 } from "./ids";

export const INVITE_PREFIX = "pi_";
export const SESSION_PREFIX = "ps_";
export const TOKEN_PREFIX = "pt_";

const DAY_MS = 86_400_000;
export const INVITE_TTL_MS = 7 * DAY_MS;
export const SESSION_IDLE_MS = 30 * DAY_MS;
/** A session's last use is written at most this often: one D1 write an hour, not per request. */
export const SESSION_TOUCH_MS = 3_600_000;

export const PARTNER_COOKIE = "aecid_partner";
/** The two paths the cookie is set for: the portal's page and its API, nothing else. */
export const PARTNER_COOKIE_PATHS = ["/partner", "/api/partner"] as const;

const CREDENTIAL = /^p[ist]_[A-Za-z0-9_-]{43}$/;

/** A new credential: its prefix, then 32 random bytes in base64url (43 characters). */
export function newCredential(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return prefix + toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Whether a string has a credential's shape and prefix: anything else is not looked up. */
export function isCredential(input: string | null | undefined, prefix: string): input is string {
  return typeof input === "string" && input.startsWith(prefix) && CREDENTIAL.test(input);
}

export function sessionIsIdle(lastSeenAt: number, now: number): boolean {
  return now - lastSeenAt >= SESSION_IDLE_MS;
}

export function sessionNeedsTouch(lastSeenAt: number, now: number): boolean {
  return now - lastSeenAt >= SESSION_TOUCH_MS;
}

export function inviteIsLive(
  invite: { expiresAt: number; usedAt: number | null },
  now: number,
): boolean {
  return invite.usedAt === null && now < invite.expiresAt;
}

/** The Set-Cookie values that start a session: one per portal path, 30 days. */
export function sessionCookies(session: string): string[] {
  const maxAge = SESSION_IDLE_MS / 1000;
  return PARTNER_COOKIE_PATHS.map(
    (path) =>
      `${PARTNER_COOKIE}=${session}; Max-Age=${maxAge}; Path=${path}; HttpOnly; Secure; SameSite=Lax`,
  );
}

/** The Set-Cookie values that end it in this browser. */
export function clearedCookies(): string[] {
  return PARTNER_COOKIE_PATHS.map(
    (path) => `${PARTNER_COOKIE}=; Max-Age=0; Path=${path}; HttpOnly; Secure; SameSite=Lax`,
  );
}
