import { z } from "@hono/zod-openapi";
import { ID_PATTERN, LINK_ID_PATTERN } from "../../domain/ids";
import { normaliseCurrency } from "../../domain/money";

/** The admin API's shared field schemas, built on the domain's own rules. */

export const HexId = z
  .string()
  .regex(ID_PATTERN, "must be 24 hex characters")
  .transform((id) => id.toLowerCase())
  .openapi({ example: "6740a1c0f3b2a4d5e6f70812" });

export const LinkId = z
  .string()
  .regex(LINK_ID_PATTERN, "must be 8 to 16 characters of A-Z, a-z, 0-9, _ and -")
  .openapi({ example: "Xk3_9aQ-b2" });

export const Currency = z.string().transform((input, ctx) => {
  const code = normaliseCurrency(input);
  if (!code) ctx.addIssue({ code: "custom", message: "is not an ISO 4217 currency code" });
  return code ?? z.NEVER;
});

export const IdParam = z.object({ id: HexId.openapi({ param: { name: "id", in: "path" } }) });

export const LinkIdParam = z.object({
  id: LinkId.openapi({ param: { name: "id", in: "path" } }),
});
