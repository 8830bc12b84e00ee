import { createRoute } from "@hono/zod-openapi";
import { forgetLinks } from "../../click/link-cache";
import type { Program } from "../../domain/entities";
import { newId } from "../../domain/ids";
import { conversionKeyHash, formatConversionKey, newConversionKey } from "../../domain/secrets";
import { ApiError } from "../../errors";
import { rememberKeyHash } from "../../postback/key-check";
import {
  getProgram,
  insertProgram,
  listPrograms,
  setKeyHash,
  updateProgram,
} from "../../storage/programs";
import { publicOrigin } from "../public-origin";
import { cursorKey, getOr404, pageJson } from "./answers";
import { audited } from "./audit-trail";
import { programGoals } from "./program-goals";
import {
  canonicalLandingUrl,
  ProgramCreate,
  ProgramPatch,
  ProgramSchema,
  ProgramWithKey,
  postbackUrlTemplate,
  programJson,
} from "./program-schemas";
import {
  adminRouter,
  changeRoute,
  commonErrors,
  createItemRoute,
  jsonResponse,
  listRoute,
  readRoute,
} from "./route-kit";
import { IdParam } from "./schemas";

export const programsApi = adminRouter();
const tags = ["Programs"];

async function withNewKey(program: Program, origin: string) {
  const key = newConversionKey(program.id);
  const formatted = formatConversionKey(key);
  return {
    keyHash: await conversionKeyHash(key),
    body: {
      ...programJson(program),
      conversion_key: formatted,
      postback_url: postbackUrlTemplate(origin, formatted),
    },
  };
}

const requireProgram = async (db: D1Database, id: string): Promise<Program> =>
  getOr404(await getProgram(db, id), "program");

programsApi.openapi(
  createItemRoute({
    tags,
    summary: "Create a program; the answer carries its conversion key, shown this once",
    body: ProgramCreate,
    item: ProgramWithKey,
    description: "The program and its key",
  }),
  async (c) => {
    const input = c.req.valid("json");
    const now = Date.now();
    const program: Program = {
      id: newId(now),
      name: input.name,
      landingUrl: canonicalLandingUrl(input.landing_url, input.allowed_domains),
      allowedDomains: [...new Set(input.allowed_domains)],
      attributionWindowDays: input.attribution_window_days,
      attributionModel: input.attribution_model,
      revenueShare: input.revenue_share,
      commission: input.commission,
      autoApprove: input.auto_approve,
      firstPartyCookieDomain: input.first_party_cookie_domain,
      postbacksPerMinute: input.postbacks_per_minute,
      ...programGoals(null, input, input.commission),
      holdDays: input.hold_days,
      minSecondsToConvert: input.min_seconds_to_convert,
      applicationsOpen: input.applications_open,
      partnersSeeAmounts: input.partners_see_amounts,
      createdAt: now,
      updatedAt: now,
    };
    const { keyHash, body } = await withNewKey(program, publicOrigin(c.env, c.req.url));
    await insertProgram(
      c.env.DB,
      program,
      keyHash,
      audited(c, "create", "program", program.id, input),
    );
    rememberKeyHash(program.id, keyHash, now);
    return c.json(body, 201);
  },
);

programsApi.openapi(
  listRoute({ tags, summary: "List programs, newest first", item: ProgramSchema }),
  async (c) => {
    const { cursor, limit } = c.req.valid("query");
    const page = await listPrograms(c.env.DB, limit, cursorKey(cursor, 2));
    return c.json(pageJson(page, programJson), 200);
  },
);

programsApi.openapi(
  readRoute({
    tags,
    summary: "Read a program (never its key)",
    params: IdParam,
    item: ProgramSchema,
    description: "The program",
  }),
  async (c) => c.json(programJson(await requireProgram(c.env.DB, c.req.valid("param").id)), 200),
);

programsApi.openapi(
  changeRoute({
    tags,
    summary: "Change a program's settings",
    params: IdParam,
    body: ProgramPatch,
    item: ProgramSchema,
    description: "The changed program",
  }),
  async (c) => {
    const current = await requireProgram(c.env.DB, c.req.valid("param").id);
    const patch = c.req.valid("json");
    const program: Program = {
      ...current,
      name: patch.name ?? current.name,
      landingUrl: patch.landing_url ?? current.landingUrl,
      allowedDomains: patch.allowed_domains
        ? [...new Set(patch.allowed_domains)]
        : current.allowedDomains,
      attributionWindowDays: patch.attribution_window_days ?? current.attributionWindowDays,
      attributionModel: patch.attribution_model ?? current.attributionModel,
      revenueShare: patch.revenue_share ?? current.revenueShare,
      commission: patch.commission ?? current.commission,
      autoApprove: patch.auto_approve ?? current.autoApprove,
      firstPartyCookieDomain:
        patch.first_party_cookie_domain === undefined
          ? current.firstPartyCookieDomain
          : patch.first_party_cookie_domain,
      postbacksPerMinute: patch.postbacks_per_minute ?? current.postbacksPerMinute,
      ...programGoals(current, patch, patch.commission ?? current.commission),
      holdDays: patch.hold_days === undefined ? current.holdDays : patch.hold_days,
      minSecondsToConvert:
        patch.min_seconds_to_convert === undefined
          ? current.minSecondsToConvert
          : patch.min_seconds_to_convert,
      applicationsOpen: patch.applications_open ?? current.applicationsOpen ?? false,
      partnersSeeAmounts: patch.partners_see_amounts ?? current.partnersSeeAmounts ?? false,
      updatedAt: Date.now(),
    };
    program.landingUrl = canonicalLandingUrl(program.landingUrl, program.allowedDomains);
    await updateProgram(c.env.DB, program, audited(c, "update", "program", program.id, patch));
    forgetLinks();
    return c.json(programJson(program), 200);
  },
);

programsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/rotate-key",
    tags,
    summary: "Issue a new conversion key; the old one stops working at once",
    request: { params: IdParam },
    responses: {
      200: jsonResponse(ProgramWithKey, "The program and its new key"),
      ...commonErrors,
    },
  }),
  async (c) => {
    const program = await requireProgram(c.env.DB, c.req.valid("param").id);
    const { keyHash, body } = await withNewKey(program, publicOrigin(c.env, c.req.url));
    const now = Date.now();
    const trail = audited(c, "rotate_key", "program", program.id, { conversion_key: "rotated" });
    if (!(await setKeyHash(c.env.DB, program.id, keyHash, now, trail)))
      throw new ApiError("not_found");
    rememberKeyHash(program.id, keyHash, now);
    return c.json({ ...body, updated_at: new Date(now).toISOString() }, 200);
  },
);
