import { createRoute, z } from "@hono/zod-openapi";
import type { Click } from "../../domain/entities";
import { insertAuditEntry } from "../../storage/audit-log";
import { erasePersonalFields, getClick } from "../../storage/click-reads";
import { conversionsOfClick } from "../../storage/conversions";
import { getOr404, iso } from "./answers";
import { auditEntryOf } from "./audit-trail";
import { ConversionSchema, conversionJson } from "./conversion-schemas";
import { adminRouter, commonErrors, jsonResponse, readRoute } from "./route-kit";
import { HexId } from "./schemas";

export const clicksApi = adminRouter();
const tags = ["Clicks"];

const AecidParam = z.object({ aecid: HexId.openapi({ param: { name: "aecid", in: "path" } }) });

export const ClickSchema = z
  .object({
    aecid: z.string(),
    link_id: z.string(),
    program_id: z.string(),
    partner_id: z.string(),
    created_at: z.string(),
    sub1: z.string().nullable(),
    sub2: z.string().nullable(),
    sub3: z.string().nullable(),
    sub4: z.string().nullable(),
    sub5: z.string().nullable(),
    country: z.string().nullable(),
    ip_hash: z.string().nullable().openapi({ description: "HMAC-SHA-256 of the IP; never the IP" }),
    user_agent: z.string().nullable(),
    referer_host: z.string().nullable(),
  })
  .openapi("Click");

const ClickWithConversion = ClickSchema.extend({
  conversion: ConversionSchema.nullable().openapi({ description: "The click's first conversion" }),
  conversions: z
    .array(ConversionSchema)
    .openapi({ description: "Every conversion of the click, one per goal, oldest first" }),
}).openapi("ClickWithConversion");

export function clickJson(click: Click) {
  const [sub1, sub2, sub3, sub4, sub5] = click.subIds;
  return {
    aecid: click.id,
    link_id: click.linkId,
    program_id: click.programId,
    partner_id: click.partnerId,
    created_at: iso(click.createdAt),
    sub1,
    sub2,
    sub3,
    sub4,
    sub5,
    country: click.country,
    ip_hash: click.ipHash,
    user_agent: click.legacyUserAgent ?? click.device,
    referer_host: click.refererHost,
  };
}

/** The click (read, or changed by `load`) and its conversion, or a 404. */
async function clickWithConversion(
  env: Env,
  aecid: string,
  load: (env: Env, aecid: string) => Promise<Click | null>,
) {
  const [found, conversions] = await Promise.all([
    load(env, aecid),
    conversionsOfClick(env.DB, aecid),
  ]);
  const click = getOr404(found, "click");
  const first = conversions[0];
  return {
    ...clickJson(click),
    conversion: first ? conversionJson(first) : null,
    conversions: conversions.map(conversionJson),
  };
}

clicksApi.openapi(
  readRoute({
    tags,
    summary: "Read one click",
    path: "/{aecid}",
    params: AecidParam,
    item: ClickWithConversion,
    description: "The click and its conversion",
  }),
  async (c) => c.json(await clickWithConversion(c.env, c.req.valid("param").aecid, getClick), 200),
);

clicksApi.openapi(
  createRoute({
    method: "delete",
    path: "/{aecid}",
    tags,
    summary:
      "Erase a click's personal fields (IP hash, user agent, referer, sub-IDs); its conversion stays",
    request: { params: AecidParam },
    responses: {
      200: jsonResponse(ClickWithConversion, "The erased click and its conversion"),
      ...commonErrors,
    },
  }),
  async (c) => {
    const { aecid } = c.req.valid("param");
    const erased = await clickWithConversion(c.env, aecid, erasePersonalFields);
    // Clicks live in their shard's database, the trail in the main one: the record follows the
    // erasure (which is idempotent, so a failed record is worth a retry by the caller).
    await insertAuditEntry(c.env.DB, auditEntryOf(c, "erase", "click", aecid, { personal: null }));
    return c.json(erased, 200);
  },
);
