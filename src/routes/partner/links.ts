import { z } from "@hono/zod-openapi";
import { createPartnerLink, partnerLinksCsv } from "../../partner/partner-links";
import { ownLink, ownProgram } from "../../partner/partner-scope";
import { listLinks } from "../../storage/links";
import { cursorKey } from "../admin/answers";
import { Destination, LinkSchema, linkJson } from "../admin/link-schemas";
import { createItemRoute, listRoute, readRoute } from "../admin/route-kit";
import { HexId, LinkIdParam } from "../admin/schemas";
import { publicOrigin } from "../public-origin";
import { partnerErrors, partnerRouter } from "./partner-kit";

/** `/api/partner/links`: the partner's own links, and new ones (a token may create them too). */
export const linksApi = partnerRouter();
const tags = ["Partner: links"];

const PartnerLinkCreate = z
  .object({ program_id: HexId, destination: Destination.nullable().optional() })
  .strict()
  .openapi("PartnerLinkCreate");

linksApi.openapi(
  createItemRoute({
    tags,
    summary:
      "Create a link in one of this partner's programs (a deep link: `destination` on the " +
      "program's allowed domains); add `?sub1=…`…`sub5=…` to its URL for your own sub-IDs",
    body: PartnerLinkCreate,
    item: LinkSchema,
    description: "The link and its URL",
    errors: partnerErrors,
  }),
  async (c) => {
    const { link, program } = await createPartnerLink(
      c.env,
      c.get("partner").id,
      c.req.valid("json"),
    );
    return c.json(linkJson(link, program, publicOrigin(c.env, c.req.url)), 201);
  },
);

linksApi.openapi(
  listRoute({
    tags,
    summary: "This partner's links, newest first, optionally of one of its programs",
    item: LinkSchema,
    query: {
      program_id: HexId.optional(),
      format: z
        .enum(["json", "csv"])
        .default("json")
        .openapi({ description: "`csv`: every matching link as `text/csv` (up to 10,000)" }),
    },
    errors: partnerErrors,
  }),
  async (c) => {
    const { cursor, limit, program_id, format } = c.req.valid("query");
    const partnerId = c.get("partner").id;
    if (program_id) await ownProgram(c.env.DB, partnerId, program_id);
    if (format === "csv") {
      const origin = publicOrigin(c.env, c.req.url);
      const csv = await partnerLinksCsv(c.env.DB, partnerId, program_id ?? null, origin);
      return c.body(csv, 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="links.csv"',
      }) as never;
    }
    const after = cursorKey(cursor, 2);
    const page = await listLinks(c.env.DB, program_id ?? null, limit, after, partnerId);
    const origin = publicOrigin(c.env, c.req.url);
    const data = page.data.map(({ link, program }) => linkJson(link, program, origin));
    return c.json({ data, next_cursor: page.next_cursor }, 200);
  },
);

linksApi.openapi(
  readRoute({
    tags,
    summary: "Read one of this partner's links",
    params: LinkIdParam,
    item: LinkSchema,
    description: "The link",
    errors: partnerErrors,
  }),
  async (c) => {
    const { link, program } = await ownLink(c.env.DB, c.get("partner").id, c.req.valid("param").id);
    return c.json(linkJson(link, program, publicOrigin(c.env, c.req.url)), 200);
  },
);
