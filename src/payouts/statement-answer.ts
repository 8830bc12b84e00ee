import { toHex } from "../domain/ids";
import { ApiError } from "../errors";
import { getPartner } from "../storage/partners";
import { getStatement, issueMissingStatements, shareLines } from "../storage/payout-statements";
import type { Payout } from "../storage/payouts";
import { statementCsp, statementPage } from "./statement-page";

/**
 * The statement of a partner's share of a payout, as the page both APIs answer (admin: any
 * partner of the payout; partner: its own). Before the payout is paid: 409
 * `statement_not_issued`. A paid payout whose statements are missing (paid by the previous
 * release during the deploy window) gets them numbered now.
 */
export async function statementResponse(
  env: Env,
  payout: Payout,
  partnerId: string,
): Promise<Response> {
  const db = env.DB;
  if (payout.status !== "paid") throw new ApiError("statement_not_issued");
  let statement = await getStatement(db, payout.id, partnerId);
  if (!statement) {
    await issueMissingStatements(db);
    statement = await getStatement(db, payout.id, partnerId);
  }
  if (!statement) throw new ApiError("not_found", { message: "No statement with this id." });
  // What was kept when it was issued is printed, so a rename later does not change the record.
  const [partner, current] = await Promise.all([
    statement.partnerName === null ? getPartner(db, partnerId) : null,
    shareLines(db, payout.id, partnerId),
  ]);
  const kept = statement.programNames;
  const lines = kept
    ? current.map((l) => ({ ...l, programName: kept[l.programId] ?? l.programName }))
    : current;
  const programs = [...new Set(lines.map((l) => l.programName ?? l.programId))].sort();
  const nonce = toHex(crypto.getRandomValues(new Uint8Array(16)));
  const page = await statementPage(
    {
      number: statement.number,
      issuedAt: statement.issuedAt,
      payer: statement.payer ?? programs.join(", "),
      partner: { id: partnerId, name: statement.partnerName ?? partner?.name ?? partnerId },
      payout: { id: payout.id, reference: payout.reference, currency: statement.currency },
      lines,
      total: statement.total,
    },
    nonce,
  );
  return new Response(String(page), {
    status: 200,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": statementCsp(nonce),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
    },
  });
}
