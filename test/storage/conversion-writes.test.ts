import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type Conversion, summary } from "../../src/domain/conversion";
import type { PostbackLogEntry } from "../../src/domain/entities";
import { newId } from "../../src/domain/ids";
import { logEntry } from "../../src/postback/postback-log";
import { readBack, writeConversion } from "../../src/storage/conversion-writes";
import { getConversion } from "../../src/storage/conversions";
import { selectBindingStatement } from "../../src/storage/customer-bindings";
import { aConversion } from "../support/storage-seeds";

const db = env.DB;
const logOf = (c: Conversion): PostbackLogEntry =>
  logEntry(c.programId, { id: c.orderId }, c.createdAt, 201, "registered", c.id);
const logRows = async (c: Conversion) =>
  (
    await db
      .prepare("SELECT count(*) AS n FROM postback_log WHERE program_id = ?1")
      .bind(c.programId)
      .first<{ n: number }>()
  )?.n;

describe("storage/conversion-writes", () => {
  it("registers a conversion with its log row and, asked, its customer binding, in one transaction", async () => {
    const c = aConversion({ customer: `cust-${newId()}` });
    expect(await writeConversion(db, c, true, logOf(c))).toEqual({
      kind: "registered",
      conversion: summary(c),
    });
    expect(await getConversion(db, c.id)).toEqual(c);
    expect(await logRows(c)).toBe(1);
    expect(await selectBindingStatement(db, c.programId, c.customer).first()).toEqual({
      partner_id: c.partnerId,
      conversion_id: c.id,
    });
  });

  it("answers a retry of the same credit as a duplicate of the stored one, logging nothing more", async () => {
    const c = aConversion();
    await writeConversion(db, c, false, logOf(c));
    const retry = { ...c, id: newId(), amount: 1 };
    expect(await writeConversion(db, retry, false, logOf(retry))).toEqual({
      kind: "duplicate",
      conversion: summary(c),
    });
    expect(await getConversion(db, retry.id)).toBeNull();
    expect(await logRows(c)).toBe(1);
  });

  it("answers an order id credited to another partner as a conflict, naming the stored one", async () => {
    const c = aConversion();
    await writeConversion(db, c, false, logOf(c));
    const other = aConversion({ programId: c.programId, orderId: c.orderId });
    expect(await writeConversion(db, other, false, logOf(other))).toEqual({
      kind: "order_conflict",
      existing: summary(c),
    });
  });

  it("answers a click that already converted this goal as taken", async () => {
    const c = aConversion();
    await writeConversion(db, c, false, logOf(c));
    const again = aConversion({ clickId: c.clickId });
    expect(await writeConversion(db, again, false, logOf(again))).toEqual({
      kind: "click_taken",
      existing: summary(c),
    });
  });

  it("rolls everything back when a statement fails, and answers unavailable", async () => {
    const c = aConversion({ customer: `cust-${newId()}` });
    // The log row is the batch's last statement: its failure must undo the conversion and binding.
    const broken = { ...logOf(c), httpStatus: null as unknown as number };
    expect(await writeConversion(db, c, true, broken)).toEqual({ kind: "unavailable" });
    expect(await getConversion(db, c.id)).toBeNull();
    expect(await selectBindingStatement(db, c.programId, c.customer).first()).toBeNull();
  });

  it("reads back after a failed write: registered, duplicate, conflict or still unavailable", async () => {
    const c = aConversion();
    expect(await readBack(db, c)).toEqual({ kind: "unavailable" });
    await writeConversion(db, c, false, logOf(c));
    expect(await readBack(db, c)).toEqual({ kind: "registered", conversion: summary(c) });
    expect(await readBack(db, { ...c, id: newId() })).toEqual({
      kind: "duplicate",
      conversion: summary(c),
    });
    expect(await readBack(db, { ...c, id: newId(), partnerId: newId() })).toEqual({
      kind: "order_conflict",
      existing: summary(c),
    });
  });
});
