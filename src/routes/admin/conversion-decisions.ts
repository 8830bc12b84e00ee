import { createRoute, z } from "@hono/zod-openapi";
import { announceChange } from "../../conversion/announce";
import { updateConversion } from "../../conversion/update-conversion";
import type { ConversionChange } from "../../domain/conversion-update";
import { getConversion } from "../../storage/conversions";
import { getProgram } from "../../storage/programs";
import { getOr404 } from "./answers";
import { audited } from "./audit-trail";
import { ConversionSchema, conversionJson } from "./conversion-schemas";
import { adminRouter, commonErrors, jsonBody, jsonResponse } from "./route-kit";
import { IdParam } from "./schemas";

/** The operator's decisions on a conversion: each change kept in its history, announced once. */
export const conversionDecisionsApi = adminRouter();
const tags = ["Conversions"];

const decide = (status: "approved" | "refused") =>
  createRoute({
    method: "post",
    path: `/{id}/${status === "approved" ? "approve" : "refuse"}`,
    tags,
    summary:
      status === "approved"
        ? "Approve a conversion"
        : "Refuse a conversion (it stops counting as revenue)",
    request: {
      params: IdParam,
      body: {
        ...jsonBody(z.object({ reason: z.string().trim().min(1).max(500).optional() }).strict()),
        required: false,
      },
    },
    responses: { 200: jsonResponse(ConversionSchema, "The conversion"), ...commonErrors },
  });

/** A conversion's changes as the audit trail's fields: each field's new value. */
const changedFields = (changes: ConversionChange[]) =>
  Object.fromEntries(changes.map((change) => [change.field, change.new]));

for (const status of ["approved", "refused"] as const) {
  conversionDecisionsApi.openapi(decide(status), async (c) => {
    const reason = status === "refused" ? (c.req.valid("json")?.reason ?? null) : null;
    const current = getOr404(await getConversion(c.env.DB, c.req.valid("param").id), "conversion");
    const program = await getProgram(c.env.DB, current.programId);
    const now = Date.now();
    const action = status === "approved" ? "approve" : "refuse";
    // The record is written with the history rows, so a decision that changed nothing (already
    // so, or lost to a racing writer) leaves none.
    const trail = {
      operator: c.var.operator,
      also: (changes: ConversionChange[]) =>
        audited(c, action, "conversion", current.id, changedFields(changes)),
    };
    const updated = getOr404(
      await updateConversion(
        c.env.DB,
        current,
        { status, amount: null, reason },
        program,
        "admin",
        now,
        trail,
      ),
      "conversion",
    );
    // Partners and the operator's systems hear of a change once, after the answer.
    c.executionCtx.waitUntil(announceChange(c.env, updated));
    return c.json(conversionJson(updated.conversion), 200);
  });
}
