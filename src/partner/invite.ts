import { INVITE_PREFIX, INVITE_TTL_MS, newCredential } from "../domain/partner-credentials";
import { sha256Hex } from "../domain/secrets";
import { type NewInvite, useInvite } from "../storage/partner-invites";
import { getPartner } from "../storage/partners";

export interface Invite {
  url: string;
  expiresAt: number;
  /** The row to write with the operator's action, in one batch (never the token itself). */
  row: NewInvite;
}

/**
 * A one-time sign-in URL for a partner, valid 7 days. The token rides in the URL's fragment
 * (`/partner/#invite=…`): browsers never send a fragment to a server, so it reaches no access
 * log, proxy or Referer, and the portal's page posts it once. Only its SHA-256 is kept.
 */
export async function newInvite(
  origin: string,
  partnerId: string,
  createdBy: string,
  now: number,
): Promise<Invite> {
  const token = newCredential(INVITE_PREFIX);
  const expiresAt = now + INVITE_TTL_MS;
  const row = { tokenHash: await sha256Hex(token), partnerId, createdBy, now, expiresAt };
  return { url: `${origin}/partner/#invite=${token}`, expiresAt, row };
}

/** Redeems an invite token, once: its partner, or null for anything that does not sign in. */
export async function redeemInvite(db: D1Database, token: string, now: number) {
  const partnerId = await useInvite(db, await sha256Hex(token), now);
  return partnerId ? getPartner(db, partnerId) : null;
}
