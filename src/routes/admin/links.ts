import { z } from "@hono/zod-openapi";
import { forgetLinks } from "../../click/link-cache";
import { config } from "../../config";
import { allowedUrl } from "../../domain/destination";
import type { Link, Program } from "../../domain/entities";
import { newLinkId } from "../../domain/ids";
import { signLinkId } from "../../domain/link-signature";
import { invalidFields } from "../../errors";
import { getLinkWithProgram, insertLink, listLinks, updateLink } from "../../storage/links";
import { getPartner } from "../../storage/partners";
import { getProgram } from "../../storage/programs";
import { publicOrigin } from "../public-origin";
import { cursorKey, getOr404, iso } from "./answers";
import { audited } from "./audit-trail";
import { adminRouter, changeRoute, createItemRoute, listRoute, readRoute } from "./route-kit";
import { HexId, LinkIdParam } from "./schemas";

export const linksApi = adminRouter();

/** A signed 12-character ID when the Worker has the key, else 10 random characters. */
const issueLinkId = (secret: string | null) =>
  secret ? signLinkId(secret, newLinkId(8)) : Promise.resolve(newLinkId());
const tags = ["Links"];

const Destination = z.string().max(2048).openapi({
  description: "Default landing page; must be on the program's allowed domains",
  example: "https://shop.example.com/summer-sale",
});

const LinkCreate = z
  .object({ program_id: HexId, partner_id: HexId, destination: Destination.nullable().optional() })
  .strict()
  .openapi("LinkCreate");

const LinkPatch = z
  .object({ destination: Destination.nullable().optional(), disabled: z.boolean().optional() })
  .strict()
  .openapi("LinkPatch");

const LinkSchema = z
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

function linkJson(link: Link, program: Program, origin: string) {
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
function checkedDestination(destination: string | null | undefined, program: Program) {
  if (destination === null || destination === undefined) return null;
  const url = allowedUrl(destination, program.allowedDomains);
  if (!url)
    throw invalidFields({ destination: "must be an http(s) URL on the program's allowed domains" });
  return url;
}

linksApi.openapi(
  createItemRoute({
    tags,
    summary: "Create a partner's tracking link for a program",
    body: LinkCreate,
    item: LinkSchema,
    description: "The link and its URL",
  }),
  async (c) => {
    const input = c.req.valid("json");
    const [program, partner] = await Promise.all([
      getProgram(c.env.DB, input.program_id),
      getPartner(c.env.DB, input.partner_id),
    ]);
    const missing: Record<string, string> = {};
    if (!program) missing.program_id = "names no program";
    if (!partner) missing.partner_id = "names no partner";
    if (!program || !partner) throw invalidFields(missing);
    const link: Link = {
      id: await issueLinkId(config(c.env).linkIdSecret),
      programId: program.id,
      partnerId: partner.id,
      destination: checkedDestination(input.destination, program),
      disabled: false,
      createdAt: Date.now(),
    };
    await insertLink(c.env.DB, link, audited(c, "create", "link", link.id, input));
    return c.json(linkJson(link, program, publicOrigin(c.env, c.req.url)), 201);
  },
);

linksApi.openapi(
  listRoute({
    tags,
    summary: "List links, newest first, optionally of one program",
    item: LinkSchema,
    query: { program_id: HexId.optional() },
  }),
  async (c) => {
    const { cursor, limit, program_id } = c.req.valid("query");
    const page = await listLinks(c.env.DB, program_id ?? null, limit, cursorKey(cursor, 2));
    const origin = publicOrigin(c.env, c.req.url);
    const data = page.data.map(({ link, program }) => linkJson(link, program, origin));
    return c.json({ data, next_cursor: page.next_cursor }, 200);
  },
);

const requireLink = async (db: D1Database, id: string) =>
  getOr404(await getLinkWithProgram(db, id), "link");

linksApi.openapi(
  readRoute({
    tags,
    summary: "Read a link",
    params: LinkIdParam,
    item: LinkSchema,
    description: "The link",
  }),
  async (c) => {
    const { link, program } = await requireLink(c.env.DB, c.req.valid("param").id);
    return c.json(linkJson(link, program, publicOrigin(c.env, c.req.url)), 200);
  },
);

linksApi.openapi(
  changeRoute({
    tags,
    summary:
      "Change a link's destination, or disable it (takes effect within LINK_CACHE_TTL_SECONDS)",
    params: LinkIdParam,
    body: LinkPatch,
    item: LinkSchema,
    description: "The changed link",
  }),
  async (c) => {
    const { link, program } = await requireLink(c.env.DB, c.req.valid("param").id);
    const patch = c.req.valid("json");
    const changed: Link = {
      ...link,
      destination:
        patch.destination === undefined
          ? link.destination
          : checkedDestination(patch.destination, program),
      disabled: patch.disabled ?? link.disabled,
    };
    await updateLink(c.env.DB, changed, audited(c, "update", "link", link.id, patch));
    forgetLinks();
    return c.json(linkJson(changed, program, publicOrigin(c.env, c.req.url)), 200);
  },
);
