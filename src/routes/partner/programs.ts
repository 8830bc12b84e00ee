import { z } from "@hono/zod-openapi";
import type { Program } from "../../domain/entities";
import { ownProgram } from "../../partner/partner-scope";
import { listPartnerPrograms } from "../../storage/partner-programs";
import { cursorKey, pageJson } from "../admin/answers";
import { ProgramSchema, programJson } from "../admin/program-schemas";
import { listRoute, readRoute } from "../admin/route-kit";
import { IdParam } from "../admin/schemas";
import { partnerErrors, partnerRouter } from "./partner-kit";

/** `/api/partner/programs`: the programs this partner belongs to, without the operator's parts. */
export const programsApi = partnerRouter();
const tags = ["Partner: programs"];

const SUB_IDS = ["sub1", "sub2", "sub3", "sub4", "sub5"] as const;

const PartnerProgram = ProgramSchema.pick({
  id: true,
  name: true,
  landing_url: true,
  allowed_domains: true,
  attribution_window_days: true,
  attribution_model: true,
  commission: true,
  goals: true,
  default_goal: true,
  hold_days: true,
  partners_see_amounts: true,
})
  .extend({
    sub_ids: z.array(z.enum(SUB_IDS)).openapi({
      description:
        "Your own sub-IDs: add `?sub1=…` to `sub5=…` (255 characters each) to a link's URL; " +
        "they are kept with the click, reported by (group_by=sub1…) and fill your postbacks' " +
        "`{sub1}`…`{sub5}` macros",
      example: [...SUB_IDS],
    }),
  })
  .openapi("PartnerProgram");

/** What the partner sees: never the key, the sources, the other partners or the fraud rules. */
function partnerProgramJson(program: Program) {
  const json = programJson(program);
  return {
    id: json.id,
    name: json.name,
    landing_url: json.landing_url,
    allowed_domains: json.allowed_domains,
    attribution_window_days: json.attribution_window_days,
    attribution_model: json.attribution_model,
    commission: json.commission,
    goals: json.goals,
    default_goal: json.default_goal,
    hold_days: json.hold_days,
    partners_see_amounts: json.partners_see_amounts,
    sub_ids: [...SUB_IDS],
  };
}

programsApi.openapi(
  listRoute({
    tags,
    summary: "This partner's programs, newest first",
    item: PartnerProgram,
    errors: partnerErrors,
  }),
  async (c) => {
    const { cursor, limit } = c.req.valid("query");
    const page = await listPartnerPrograms(
      c.env.DB,
      c.get("partner").id,
      limit,
      cursorKey(cursor, 2),
    );
    return c.json(pageJson(page, partnerProgramJson), 200);
  },
);

programsApi.openapi(
  readRoute({
    tags,
    summary: "One of this partner's programs: landing page, commission rules, attribution window",
    params: IdParam,
    item: PartnerProgram,
    description: "The program",
    errors: partnerErrors,
  }),
  async (c) => {
    const program = await ownProgram(c.env.DB, c.get("partner").id, c.req.valid("param").id);
    return c.json(partnerProgramJson(program), 200);
  },
);
