import type { Sealed } from "../platform/secret-box";

/** Conversion sources (SPEC "Conversion sources"): a program's Stripe or Shopify webhook. */
export const SOURCE_TYPES = ["stripe", "shopify"] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** Shopify: what a sale is worth (README "Shopify" says why `subtotal` is the default). */
export const AMOUNT_BASES = ["subtotal", "total"] as const;
export type AmountBasis = (typeof AMOUNT_BASES)[number];

/** How long a rotated-out signing secret still verifies: the platform and the operator switch over. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

export interface Source {
  id: string;
  programId: string;
  type: SourceType;
  enabled: boolean;
  /** The platform's signing secret, sealed under SOURCE_SECRETS_KEY with `sealContext(id)`. */
  secret: Sealed;
  /** The secret the last rotation replaced, and until when it still verifies (ms). */
  previousSecret: Sealed | null;
  previousSecretExpiresAt: number | null;
  /** Shopify only; null for Stripe. */
  amountBasis: AmountBasis | null;
  createdAt: number;
  updatedAt: number;
}

/** What a source's secrets are sealed against: a ciphertext opens only on its own source. */
export const sealContext = (sourceId: string) => `source:${sourceId}`;

/** The sealed secrets an event may be signed with at `now`: the current one, then the previous. */
export function secretsInForce(source: Source, now: number): Sealed[] {
  const previous =
    source.previousSecret &&
    source.previousSecretExpiresAt !== null &&
    now < source.previousSecretExpiresAt
      ? [source.previousSecret]
      : [];
  return [source.secret, ...previous];
}

/** A rotation: the new secret in force, the one it replaces kept for the overlap. */
export function rotated(source: Source, secret: Sealed, now: number): Source {
  return {
    ...source,
    secret,
    previousSecret: source.secret,
    previousSecretExpiresAt: now + ROTATION_OVERLAP_MS,
    updatedAt: now,
  };
}
