import { z } from "@hono/zod-openapi";
import { allowedUrl } from "../../domain/destination";
import type { Link, Program } from "../../domain/entities";
import { newLinkId } from "../../domain/ids";
import { signLinkId } from "../../domain/link-signature";
import { invalidFields } from "../../errors";
import { iso } from "./answers";

/** A link as the admin API and the partner portal take and answer it. */

/** A signed 12-character ID when the Worker has the key, else 10 random characters. */
export const issueLinkId = (secret: string | null) =>
  secret ? signLinkId(secret, newLinkId(8)) : Promise.resolve(newLinkId());

export const Destination = z.string().max(2048).openapi({
  description: "Default landing page; must be on the program's allowed domains",
  example: "https://shop.example.com/summer-sale",
});

export const LinkSchema = z
  .object({
    id: z.string(),
    program_id: z.string(),
    partner_id: z.string(),
    destination: z.string().openapi({ description: "Where the link sends visitors by default" }),
    follows_landing_url: z
      .boolean()
      .openapi({ description: "No own destination: the program's landing URL" }),
    disabled: z.boolean(),
    url: z.string().openapi({ description: "The ready-to-share tracking link" }),
    created_at: z.string(),
  })
  .openapi("Link");

export function linkJson(link: Link, program: Program, origin: string) {
  return {
    id: link.id,
    program_id: link.programId,
    partner_id: link.partnerId,
    destination: link.destination ?? program.landingUrl,
    follows_landing_url: link.destination === null,
    disabled: link.disabled,
    url: `${origin}/c/${link.id}`,
    created_at: iso(link.createdAt),
  };
}

/** The canonical destination, or a 400 when it is off the program's allowed domains. */
export function checkedDestination(destination: string | null | undefined, program: Program) {
  if (destination === null || destination === undefined) return null;
  const url = allowedUrl(destination, program.allowedDomains);
  if (!url)
    throw invalidFields({ destination: "must be an http(s) URL on the program's allowed domains" });
  return url;
}
