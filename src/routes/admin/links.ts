import { z } from "@hono/zod-openapi";
import { forgetLinks } from "../../click/link-cache";
import { config } from "../../config";
import type { Link } from "../../domain/entities";
import { invalidFields } from "../../errors";
import { getLinkWithProgram, insertLink, listLinks, updateLink } from "../../storage/links";
import { getPartner } from "../../storage/partners";
import { getProgram } from "../../storage/programs";
import { publicOrigin } from "../public-origin";
import { cursorKey, getOr404 } from "./answers";
import { audited } from "./audit-trail";
import { checkedDestination, Destination, issueLinkId, LinkSchema, linkJson } from "./link-schemas";
import { adminRouter, changeRoute, createItemRoute, listRoute, readRoute } from "./route-kit";
import { HexId, LinkIdParam } from "./schemas";

export const linksApi = adminRouter();

const tags = ["Links"];

const LinkCreate = z
  .object({ program_id: HexId, partner_id: HexId, destination: Destination.nullable().optional() })
  .strict()
  .openapi("LinkCreate");

const LinkPatch = z
  .object({ destination: Destination.nullable().optional(), disabled: z.boolean().optional() })
  .strict()
  .openapi("LinkPatch");

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
