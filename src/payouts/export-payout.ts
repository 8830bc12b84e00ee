import { currencyExponent } from "../domain/money";
import { ApiError } from "../errors";
import { type AuditContext, audited } from "../routes/admin/audit-trail";
import { markPayoutExported } from "../storage/payout-exports";
import { getPayout, type Payout } from "../storage/payouts";
import { paypalCsv, paypalTakesWholeUnits, wiseCsv } from "./csv-files";
import {
  defaultNote,
  type FileFormat,
  type FileLine,
  type PayoutFile,
  usableFor,
} from "./file-lines";
import { openPayerSettings } from "./payer-settings";
import { openPayoutDetails } from "./payout-details";

/**
 * `GET /api/payouts/:id/export?format=` (issue 28): the payout's file. Everything is checked
 * before anything changes: a cancelled payout, a SEPA file of another currency than EUR or
 * without payer settings, a partner without details this format can pay (all of them listed)
 * answer 409 and change nothing. The first export then moves `draft` → `exported`
 * (compare-and-set, audited); a later one answers the file again and changes nothing.
 */
/** pain.001's largest single transfer, 999,999,999.99 EUR, in cents. */
const SEPA_MAX_MINOR = 99_999_999_999;

export interface ExportedFile {
  body: string;
  contentType: string;
  filename: string;
}

export async function exportPayout(
  c: AuditContext,
  payout: Payout,
  format: FileFormat,
  now: number,
): Promise<ExportedFile> {
  if (payout.status === "cancelled") throw new ApiError("payout_decided");
  if (format === "sepa" && payout.currency !== "EUR") throw new ApiError("payout_not_eur");
  const payer = await openPayerSettings(c.env);
  if (format === "sepa" && !payer) throw new ApiError("payer_settings_missing");
  const partners = payout.partners.filter((p) => p.total > 0);
  const details = await openPayoutDetails(
    c.env,
    partners.map((p) => p.partner_id),
  );
  const missing = partners
    .filter((p) => !usableFor(format, details.get(p.partner_id)))
    .map((p) => p.partner_id);
  if (missing.length > 0)
    throw new ApiError("payout_details_missing", { details: { partner_ids: missing } });
  const tooLarge = partners.filter((p) => p.total > SEPA_MAX_MINOR).map((p) => p.partner_id);
  if (format === "sepa" && tooLarge.length > 0)
    throw new ApiError("payout_too_large_for_sepa", { details: { partner_ids: tooLarge } });
  const unit = 10 ** currencyExponent(payout.currency);
  const fractional = partners.filter((p) => p.total % unit !== 0).map((p) => p.partner_id);
  if (format === "paypal" && paypalTakesWholeUnits(payout.currency) && fractional.length > 0)
    throw new ApiError("paypal_whole_units_only", { details: { partner_ids: fractional } });
  const lines: FileLine[] = partners.map((p) => ({
    partnerId: p.partner_id,
    amount: p.total,
    details: details.get(p.partner_id) as FileLine["details"],
  }));
  const file: PayoutFile = {
    payoutId: payout.id,
    currency: payout.currency,
    exponent: currencyExponent(payout.currency),
    note: payer?.note ?? defaultNote(payout.id),
    lines,
    now,
  };
  let exported: ExportedFile;
  if (format === "sepa" && payer) {
    const { sepaXml } = await import("./sepa-file");
    exported = {
      body: sepaXml(file, payer),
      contentType: "application/xml; charset=utf-8",
      filename: `payout-${payout.id}-sepa.xml`,
    };
  } else {
    exported = {
      body: format === "paypal" ? paypalCsv(file) : wiseCsv(file),
      contentType: "text/csv; charset=utf-8",
      filename: `payout-${payout.id}-${format}.csv`,
    };
  }
  const marked =
    payout.status === "draft" &&
    (await markPayoutExported(
      c.env.DB,
      payout.id,
      now,
      audited(c, "export", "payout", payout.id, { format }),
    ));
  // Cancelled since it was read (a cancel racing this export): its entries are free again and
  // the next payout takes them, so this file must not be handed out, or they are paid twice.
  if (!marked) {
    const current = await getPayout(c.env.DB, payout.id);
    if (!current || current.status === "cancelled") throw new ApiError("payout_decided");
  }
  return exported;
}
