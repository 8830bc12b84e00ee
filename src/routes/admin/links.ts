import { createRoute, z } from "@hono/zod-openapi";
import { allowedUrl } from "../../domain/destination";
import { newLinkId } from "../../domain/ids";
import { ApiError, invalidFields } from "../../errors";
import { forgetLinks } from "../../services/link-cache";
import {
  getLinkWithProgram,
  insertLink,
  type Link,
  listLinks,
  updateLink,
} from "../../storage/links";
import { getPartner } from "../../storage/partners";
import { getProgram, type Program } from "../../storage/programs";
import { publicOrigin } from "../public-origin";
import {
  adminRouter,
  commonErrors,
  cursorKey,
  HexId,
  iso,
  jsonBody,
  jsonResponse,
  ListQuery,
  pageOf,
} from "./common";

export const links = adminRouter();
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

const LinkIdParam = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,16}$/, "must be 8 to 16 characters of A-Z, a-z, 0-9, _ and -")
    .openapi({ param: { name: "id", in: "path" }, example: "Xk3_9aQ-b2" }),
});

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

links.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    summary: "Create a partner's tracking link for a program",
    request: { body: jsonBody(LinkCreate) },
    responses: { 201: jsonResponse(LinkSchema, "The link and its URL"), ...commonErrors },
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
      id: newLinkId(),
      programId: program.id,
      partnerId: partner.id,
      destination: checkedDestination(input.destination, program),
      disabled: false,
      createdAt: Date.now(),
    };
    await insertLink(c.env.DB, link);
    return c.json(linkJson(link, program, publicOrigin(c.env, c.req.url)), 201);
  },
);

links.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "List links, newest first, optionally of one program",
    request: { query: ListQuery.extend({ program_id: HexId.optional() }) },
    responses: { 200: jsonResponse(pageOf(LinkSchema), "A page of links"), ...commonErrors },
  }),
  async (c) => {
    const { cursor, limit, program_id } = c.req.valid("query");
    const page = await listLinks(c.env.DB, program_id ?? null, limit, cursorKey(cursor, 2));
    const origin = publicOrigin(c.env, c.req.url);
    const data = page.data.map(({ link, program }) => linkJson(link, program, origin));
    return c.json({ data, next_cursor: page.next_cursor }, 200);
  },
);

async function requireLink(db: D1Database, id: string) {
  const found = await getLinkWithProgram(db, id);
  if (!found) throw new ApiError("not_found", { message: "No link with this id." });
  return found;
}

links.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags,
    summary: "Read a link",
    request: { params: LinkIdParam },
    responses: { 200: jsonResponse(LinkSchema, "The link"), ...commonErrors },
  }),
  async (c) => {
    const { link, program } = await requireLink(c.env.DB, c.req.valid("param").id);
    return c.json(linkJson(link, program, publicOrigin(c.env, c.req.url)), 200);
  },
);

links.openapi(
  createRoute({
    method: "patch",
    path: "/{id}",
    tags,
    summary:
      "Change a link's destination, or disable it (takes effect within LINK_CACHE_TTL_SECONDS)",
    request: { params: LinkIdParam, body: jsonBody(LinkPatch) },
    responses: { 200: jsonResponse(LinkSchema, "The changed link"), ...commonErrors },
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
    await updateLink(c.env.DB, changed);
    forgetLinks();
    return c.json(linkJson(changed, program, publicOrigin(c.env, c.req.url)), 200);
  },
);
