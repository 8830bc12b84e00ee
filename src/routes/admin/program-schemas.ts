import { z } from "@hono/zod-openapi";
import { allowedUrl, normaliseDomain } from "../../domain/destination";
import type { Program } from "../../domain/entities";
import { DEFAULT_GOAL, defaultGoalOf, type Goal, goalsOf, goalsProblem } from "../../domain/goals";
import { type CommissionRule, MAX_MINOR_UNITS, PERCENT_SCALE } from "../../domain/money";
import { invalidFields } from "../../errors";
import { iso } from "./answers";
import { Currency } from "./schemas";

const Domain = z.string().transform((input, ctx) => {
  const domain = normaliseDomain(input);
  if (!domain)
    ctx.addIssue({ code: "custom", message: "is not a domain name (like shop.example.com)" });
  return domain ?? z.NEVER;
});

const Percent = z
  .number()
  .min(0)
  .max(100)
  .refine((value) => Number.isInteger(Math.round(value * PERCENT_SCALE * 1e6) / 1e6), {
    message: "must have at most 4 decimals",
  });

export const Commission = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("percent"), value: Percent }),
    z.object({
      type: z.literal("fixed"),
      value: z.number().int().min(0).max(MAX_MINOR_UNITS).openapi({ description: "minor units" }),
      currency: Currency,
    }),
  ])
  .openapi("Commission", {
    description:
      "A percentage of the conversion's amount (rounded half-up), or a fixed amount in minor units of its own currency.",
  });

const GoalInput = z
  .object({
    name: z.string().openapi({ example: "lead" }),
    commission: Commission.optional().openapi({ description: "Default: the program's commission" }),
    repeatable: z.boolean().default(false).openapi({
      description: "One click may convert it again and again (once per `id`): renewals",
    }),
  })
  .strict();

const Goals = z
  .array(GoalInput)
  .superRefine((goals, ctx) => {
    const problem = goalsProblem(goals);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .openapi({
    description:
      "Stored and listed with the default goal first; sent without `default_goal`, the current default stays while it is among them (else the first becomes the default)",
  });

const DefaultGoal = z.string().openapi({
  description:
    "The goal of a postback without `goal`: one of `goals` (default: the first; on a change, the current default while it is still among them)",
  example: "sale",
});

export const GoalSchema = z
  .object({ name: z.string(), commission: Commission, repeatable: z.boolean() })
  .openapi("Goal");

/** Goals as given, each with its commission (the program's, unless its own is set). */
export function goalsFromInput(goals: z.infer<typeof Goals>, commission: CommissionRule): Goal[] {
  return goals.map((goal) => ({
    name: goal.name,
    commission: goal.commission ?? commission,
    repeatable: goal.repeatable,
  }));
}

const programFields = {
  name: z.string().trim().min(1).max(200),
  landing_url: z.string().max(2048).openapi({ example: "https://shop.example.com/" }),
  allowed_domains: z
    .array(Domain)
    .min(1)
    .max(50)
    .openapi({ example: ["shop.example.com"] }),
  attribution_window_days: z.number().int().min(1).max(365),
  attribution_model: z.enum(["last_click", "first_click"]),
  revenue_share: z.boolean(),
  commission: Commission,
  auto_approve: z.boolean(),
  first_party_cookie_domain: Domain.nullable(),
  postbacks_per_minute: z.number().int().min(1).max(1_000_000),
  goals: Goals,
  default_goal: DefaultGoal,
  hold_days: z.number().int().min(1).max(365).nullable().openapi({
    description: "Pending conversions older than this are approved (hourly); null: never",
  }),
  min_seconds_to_convert: z.number().int().min(1).max(2_592_000).nullable().openapi({
    description: "A click conversion faster than this after its click is refused, `too_fast`",
  }),
  applications_open: z.boolean().openapi({
    description: "Whether `/join/<program id>` takes applications from would-be partners",
  }),
  partners_see_amounts: z.boolean().openapi({
    description:
      "Whether the program's partners see each conversion's order amount and customer ID in " +
      "their portal (their commission they always see)",
  }),
};

export const ProgramCreate = z
  .object({
    ...programFields,
    attribution_window_days: programFields.attribution_window_days.default(30),
    attribution_model: programFields.attribution_model.default("last_click"),
    revenue_share: programFields.revenue_share.default(false),
    auto_approve: programFields.auto_approve.default(false),
    first_party_cookie_domain: programFields.first_party_cookie_domain.default(null),
    postbacks_per_minute: programFields.postbacks_per_minute.default(3000),
    goals: programFields.goals.optional(),
    default_goal: programFields.default_goal.optional(),
    hold_days: programFields.hold_days.default(null),
    min_seconds_to_convert: programFields.min_seconds_to_convert.default(null),
    applications_open: programFields.applications_open.default(false),
    partners_see_amounts: programFields.partners_see_amounts.default(false),
  })
  .strict()
  .openapi("ProgramCreate");

export const ProgramPatch = z.object(programFields).partial().strict().openapi("ProgramPatch");

/**
 * The landing URL in canonical form (ASCII host, percent-encoded path), as it will stand in a
 * `Location` header; it must itself be a destination the program allows.
 */
export function canonicalLandingUrl(landingUrl: string, allowedDomains: string[]): string {
  const url = allowedUrl(landingUrl, allowedDomains);
  if (!url)
    throw invalidFields({ landing_url: "must be an http(s) URL on one of allowed_domains" });
  return url;
}

export const ProgramSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    landing_url: z.string(),
    allowed_domains: z.array(z.string()),
    attribution_window_days: z.number().int(),
    attribution_model: z.enum(["last_click", "first_click"]),
    revenue_share: z.boolean(),
    commission: Commission,
    auto_approve: z.boolean(),
    first_party_cookie_domain: z.string().nullable(),
    postbacks_per_minute: z.number().int(),
    goals: z.array(GoalSchema),
    default_goal: DefaultGoal,
    hold_days: z.number().int().nullable(),
    min_seconds_to_convert: z.number().int().nullable(),
    applications_open: z.boolean(),
    partners_see_amounts: z.boolean(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Program");

export const ProgramWithKey = ProgramSchema.extend({
  conversion_key: z.string().openapi({
    description: "Shown once: only its hash is stored. Use it as the postback's `key`.",
  }),
  postback_url: z.string().openapi({ description: "The postback URL template with this key." }),
}).openapi("ProgramWithKey");

export function programJson(program: Program) {
  return {
    id: program.id,
    name: program.name,
    landing_url: program.landingUrl,
    allowed_domains: program.allowedDomains,
    attribution_window_days: program.attributionWindowDays,
    attribution_model: program.attributionModel,
    revenue_share: program.revenueShare,
    commission: program.commission,
    auto_approve: program.autoApprove,
    first_party_cookie_domain: program.firstPartyCookieDomain,
    postbacks_per_minute: program.postbacksPerMinute,
    goals: goalsOf(program.goals, program.commission),
    default_goal:
      defaultGoalOf(goalsOf(program.goals, program.commission), program.defaultGoal)?.name ??
      DEFAULT_GOAL,
    hold_days: program.holdDays,
    applications_open: program.applicationsOpen ?? false,
    partners_see_amounts: program.partnersSeeAmounts ?? false,
    min_seconds_to_convert: program.minSecondsToConvert,
    created_at: iso(program.createdAt),
    updated_at: iso(program.updatedAt),
  };
}

/** The Affilae-style postback URL an advertiser pastes into their back office. */
export function postbackUrlTemplate(origin: string, key: string): string {
  return `${origin}/?key=${key}&id={{UNIQUE_ID}}&amount={{AMOUNT}}&currency={{CURRENCY}}&payment={{PAYMENT}}&customer={{CUSTOMER_ID}}&cv={{SUB_ID}}&voucher={{VOUCHER_CODE}}&cids={{ClickIDs}}`;
}
