import type { Conversion } from "../../domain/conversion";
import { type CsvValue, csvRow } from "../../domain/csv";
import { currencyExponent, formatMinor } from "../../domain/money";
import { type ConversionFilters, listConversions, partEnd } from "../../storage/conversion-lists";
import { type CursorKey, encodeCursor } from "../../storage/pages";

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

export const decimal = (minor: number, currency: string) =>
  formatMinor(minor, currencyExponent(currency));

const cells = (c: Conversion): CsvValue[] => [
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
];

/** An export's columns: the header, and a conversion's cells in that order. */
export interface CsvTable {
  columns: string[];
  cells: (c: Conversion) => CsvValue[];
}

const ADMIN_TABLE: CsvTable = { columns: COLUMNS, cells };

/** Pages one response holds: 200 reads, well under Workers' 1,000 D1 queries an invocation. */
const PART_PAGES = 200;
/** Rows one response holds at most (100,000); a longer export continues in the next part. */
export const EXPORT_PART_ROWS = EXPORT_PAGE * PART_PAGES;

/** `a` comes after `b` newest first, by (created_at, id). */
const isAfter = (a: Conversion, b: CursorKey) =>
  a.createdAt < (b[0] as number) || (a.createdAt === b[0] && a.id < (b[1] as string));

/** The URL of the next part: the same request, its cursor at the part's last row. */
function nextPart(requestUrl: string, end: CursorKey) {
  const url = new URL(requestUrl);
  url.searchParams.set("cursor", encodeCursor(end));
  return `${url.pathname}${url.search}`;
}

/**
 * The matching conversions after `after` as `text/csv`, newest first, at most EXPORT_PART_ROWS of
 * them: read and sent page by page as the client takes it (a `ReadableStream` pulled one page at
 * a time), so a part of any size holds one page in memory. Before the answer starts, one query
 * finds where the part ends; when more rows follow, `Link: <…&cursor=…>; rel="next"` names the
 * next part, so no export needs more queries than one invocation may make, and none is cut off
 * after its 200.
 */
export async function conversionsCsv(
  db: D1Database,
  filters: ConversionFilters,
  after: CursorKey | null,
  requestUrl: string,
  table: CsvTable = ADMIN_TABLE,
): Promise<Response> {
  const row = (c: Conversion) => csvRow(table.cells(c));
  const end = await partEnd(db, filters, after, EXPORT_PART_ROWS);
  const encoder = new TextEncoder();
  let started = false;
  let done = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvRow(table.columns)));
        return;
      }
      if (done) return controller.close();
      const page = await listConversions(db, filters, EXPORT_PAGE, after);
      // Rows past the part's end wait for the next part (rows added meanwhile go in no part).
      const rows = end ? page.data.filter((c) => !isAfter(c, end)) : page.data;
      controller.enqueue(encoder.encode(rows.map(row).join("")));
      const last = page.data[page.data.length - 1];
      const atEnd =
        end !== null &&
        (rows.length < page.data.length ||
          (last !== undefined && last.createdAt === end[0] && last.id === end[1]));
      if (!page.next_cursor || !last || atEnd) done = true;
      else after = [last.createdAt, last.id];
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  const headers = new Headers({
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="conversions-${day}.csv"`,
    "Cache-Control": "no-store",
  });
  if (end) {
    headers.set("Link", `<${nextPart(requestUrl, end)}>; rel="next"`);
    headers.set("X-Next-Cursor", encodeCursor(end));
  }
  return new Response(stream, { headers });
}
