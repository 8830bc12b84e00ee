import type { Conversion } from "../../domain/conversion";
import { csvRow } from "../../domain/csv";
import { currencyExponent, formatMinor } from "../../domain/money";
import { type ConversionFilters, listConversions } from "../../storage/conversions";
import type { CursorKey } from "../../storage/pages";

/** Rows read from D1 per page of the export. */
const EXPORT_PAGE = 500;

const COLUMNS = [
  "conversion_id",
  "created_at",
  "program_id",
  "goal",
  "id",
  "status",
  "refuse_reason",
  "partner_id",
  "click_id",
  "attribution",
  "amount",
  "currency",
  "amount_decimal",
  "commission",
  "commission_currency",
  "commission_decimal",
  "payment",
  "customer",
  "cv",
  "vouchers",
  "updated_at",
];

const decimal = (minor: number, currency: string) => formatMinor(minor, currencyExponent(currency));

const row = (c: Conversion) =>
  csvRow([
    c.id,
    new Date(c.createdAt).toISOString(),
    c.programId,
    c.goal,
    c.orderId,
    c.status,
    c.refuseReason,
    c.partnerId,
    c.clickId,
    c.attribution,
    c.amount,
    c.currency,
    decimal(c.amount, c.currency),
    c.commission,
    c.commissionCurrency,
    decimal(c.commission, c.commissionCurrency),
    c.payment,
    c.customer,
    c.cv,
    c.vouchers.join(";"),
    new Date(c.updatedAt).toISOString(),
  ]);

/**
 * Every matching conversion as `text/csv`, newest first: read and sent page by page as the client
 * takes it (a `ReadableStream` pulled one page at a time), so an export of any size holds one page
 * in memory.
 */
export function conversionsCsv(db: D1Database, filters: ConversionFilters): Response {
  const encoder = new TextEncoder();
  let after: CursorKey | null = null;
  let started = false;
  let done = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvRow(COLUMNS)));
        return;
      }
      if (done) return controller.close();
      const page = await listConversions(db, filters, EXPORT_PAGE, after);
      controller.enqueue(encoder.encode(page.data.map(row).join("")));
      const last = page.data[page.data.length - 1];
      if (!page.next_cursor || !last) done = true;
      else after = [last.createdAt, last.id];
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="conversions-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
