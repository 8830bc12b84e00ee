// Records written straight to D1, as the Worker would write them: clicks at a chosen time and
// conversions registered in the past, for window, clock, report and retention tests.
import { env } from "cloudflare:workers";
import { type Conversion, newConversion } from "../../src/domain/conversion";
import type { Click, SubIds, UnsavedClick } from "../../src/domain/entities";
import { newId } from "../../src/domain/ids";
import { logEntry } from "../../src/postback/postback-log";
import { insertClicksStatement } from "../../src/storage/clicks";
import { writeConversion } from "../../src/storage/conversion-writes";
import { clickDb } from "../../src/storage/shards";

type LinkRow = { id: string; program_id: string; partner_id: string };

/** A click of `link` as the consumer stores it (hashed, no address), made at `at` (default now). */
export function storedClick(
  link: LinkRow,
  options: { id?: string; at?: number; subIds?: SubIds } = {},
): Click {
  const at = options.at ?? Date.now();
  return {
    id: options.id ?? newId(at),
    linkId: link.id,
    programId: link.program_id,
    partnerId: link.partner_id,
    createdAt: at,
    subIds: options.subIds ?? [null, null, null, null, null],
    country: null,
    ipHash: null,
    device: null,
    uaHash: null,
    refererHost: null,
  };
}

/** A click of `link` as the redirect hands it to the sink (unhashed, made now). */
export function unsavedClick(link: LinkRow): UnsavedClick {
  const now = Date.now();
  return {
    id: newId(now),
    linkId: link.id,
    programId: link.program_id,
    partnerId: link.partner_id,
    createdAt: now,
    subIds: [null, null, null, null, null],
    country: null,
    userAgent: "UA",
    refererHost: null,
  };
}

/** Stores a click made at `ms` straight in D1 (for window and clock tests). */
export async function insertClickAt(link: LinkRow, ms: number) {
  const click = storedClick(link, { at: ms });
  await insertClicksStatement(clickDb(env, click.id), [click]).run();
  return click.id;
}

/** A click conversion of `amount` EUR minor units, made at `at` (10 % commission, pending). */
export function clickConversion(c: {
  programId: string;
  partnerId: string;
  clickId: string;
  orderId: string;
  amount: number;
  at: number;
  customer?: string;
  /** The click's link, kept on the conversion for reports by link. */
  linkId?: string;
}) {
  return newConversion(
    newId(c.at),
    {
      programId: c.programId,
      goal: { name: "sale", commission: { type: "percent", value: 10 }, repeatable: false },
      autoApprove: false,
      minSecondsToConvert: null,
    },
    {
      orderId: c.orderId,
      amount: c.amount,
      amountGiven: true,
      amountNote: null,
      currency: "EUR",
      payment: null,
      customer: c.customer ?? null,
      cv: null,
      vouchers: [],
      cids: [c.clickId],
      goal: null,
      status: null,
      test: false,
    },
    { type: "click", partnerId: c.partnerId, clickId: c.clickId, voucher: null },
    c.at,
    c.linkId ? { createdAt: c.at, linkId: c.linkId } : null,
  );
}

/** Registers a conversion as the postback path would, with its log row, e.g. in the past. */
export function registerConversion(
  conversion: Conversion,
  db: D1Database = env.DB,
  bindCustomer = false,
) {
  return writeConversion(
    db,
    conversion,
    bindCustomer,
    logEntry(conversion.programId, {}, conversion.createdAt, 201, "registered", conversion.id),
  );
}
