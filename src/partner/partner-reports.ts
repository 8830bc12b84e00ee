import type { Program } from "../domain/entities";
import type { ReportPart } from "../reports/run-report";
import { allPartnerPrograms } from "../storage/partner-programs";
import { notOurs, ownLink, ownProgram } from "./partner-scope";

/**
 * A partner's report reads its own counter rows only: `partner_id` is always bound to it, one
 * part per program it belongs to (or the one it asked), and a program whose partners do not see
 * order amounts adds no `revenue`. A `partner_id`, `program_id` or `link_id` that is not its own
 * answers 404 (its own `partner_id` is accepted, so the admin's query works unchanged).
 */
export async function partnerReportParts(
  db: D1Database,
  partnerId: string,
  q: { partner_id?: string; program_id?: string; link_id?: string },
  days: { fromDay: string; toDay: string },
): Promise<ReportPart[]> {
  if (q.partner_id !== undefined && q.partner_id !== partnerId) throw notOurs();
  let programs: Program[];
  if (q.program_id) programs = [await ownProgram(db, partnerId, q.program_id)];
  else programs = await allPartnerPrograms(db, partnerId);
  if (q.link_id) {
    const { program } = await ownLink(db, partnerId, q.link_id);
    programs = programs.filter((p) => p.id === program.id);
  }
  const parts = programs.map((program) => ({
    filter: { ...days, programId: program.id, partnerId, linkId: q.link_id ?? null },
    withoutRevenue: !program.partnersSeeAmounts,
  }));
  // No program: an empty report, read from nothing (a filter no row matches).
  return parts.length
    ? parts
    : [{ filter: { ...days, programId: "", partnerId, linkId: "" }, withoutRevenue: true }];
}
