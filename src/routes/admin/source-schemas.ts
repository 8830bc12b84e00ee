import { z } from "@hono/zod-openapi";
import { AMOUNT_BASES, SOURCE_TYPES, type Source } from "../../domain/sources";
import { iso } from "./answers";
import { HexId } from "./schemas";

const SigningSecret = z
  .string()
  .trim()
  .min(8)
  .max(512)
  .openapi({
    description:
      "The platform's webhook signing secret (Stripe: the endpoint's `whsec_…`; Shopify: the " +
      "app's or the store's webhook secret). Stored encrypted, never answered.",
    example: "whsec_…",
  });

export const SourceCreate = z
  .object({
    type: z.enum(SOURCE_TYPES),
    signing_secret: SigningSecret,
    enabled: z.boolean().optional(),
    amount_basis: z.enum(AMOUNT_BASES).optional().openapi({
      description:
        "Shopify only: `subtotal` (default: after discounts, before tax and shipping) or `total`",
    }),
  })
  .strict()
  .openapi("SourceCreate");

export const SourcePatch = z
  .object({
    enabled: z.boolean(),
    signing_secret: SigningSecret.openapi({
      description: "A new signing secret; the one it replaces keeps verifying for 24 hours",
    }),
    amount_basis: z.enum(AMOUNT_BASES),
  })
  .partial()
  .strict()
  .openapi("SourcePatch");

export const SourceSchema = z
  .object({
    id: z.string(),
    program_id: z.string(),
    type: z.enum(SOURCE_TYPES),
    enabled: z.boolean(),
    url: z.string().openapi({
      description: "Paste this into the platform's webhook settings",
      example: "https://track.example.com/sources/6740a1c0f3b2a4d5e6f70812",
    }),
    amount_basis: z.enum(AMOUNT_BASES).nullable(),
    previous_secret_valid_until: z.string().nullable().openapi({
      description: "After a rotation: until when the replaced signing secret still verifies",
    }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Source");

export const SourceParams = z.object({
  id: HexId.openapi({ param: { name: "id", in: "path" } }),
  sourceId: HexId.openapi({ param: { name: "sourceId", in: "path" } }),
});

/** A source as answered: never a secret, sealed or not. */
export function sourceJson(source: Source, origin: string, now = Date.now()) {
  const overlap = source.previousSecretExpiresAt;
  return {
    id: source.id,
    program_id: source.programId,
    type: source.type,
    enabled: source.enabled,
    url: `${origin}/sources/${source.id}`,
    amount_basis: source.amountBasis,
    previous_secret_valid_until: overlap !== null && overlap > now ? iso(overlap) : null,
    created_at: iso(source.createdAt),
    updated_at: iso(source.updatedAt),
  };
}
