import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ConversionChange } from "../../src/domain/conversion-update";
import { newId } from "../../src/domain/ids";
import { historyOf, insertHistoryIfChangedStatement } from "../../src/storage/conversion-history";
import { aConversion, seedConversions } from "../support/storage-seeds";

const db = env.DB;
const refusal: ConversionChange[] = [
  { field: "status", old: "pending", new: "refused" },
  { field: "refuse_reason", old: null, new: "fraud" },
];

/** The statement the history follows in its transaction: an update of conversion `id` (or none). */
const touch = (id: string, now: number) =>
  db.prepare("UPDATE conversions SET updated_at = ?2 WHERE id = ?1").bind(id, now);

describe("storage/conversion-history", () => {
  it("writes one row per changed field after an update that applied, in order, nulls kept, with its operator", async () => {
    const [c] = await seedConversions(db, aConversion());
    const id = c?.id as string;
    await db.batch([
      touch(id, 1_700_000_000_000),
      insertHistoryIfChangedStatement(db, id, refusal, "admin", 1_700_000_000_000, "ada@x.example"),
    ]);
    expect(await historyOf(db, id)).toEqual([
      {
        changedAt: 1_700_000_000_000,
        source: "admin",
        field: "status",
        old: "pending",
        new: "refused",
        operator: "ada@x.example",
      },
      {
        changedAt: 1_700_000_000_000,
        source: "admin",
        field: "refuse_reason",
        old: null,
        new: "fraud",
        operator: "ada@x.example",
      },
    ]);
  });

  it("writes nothing after an update that changed no row (a lost compare-and-set)", async () => {
    const id = newId();
    await db.batch([touch(id, 1), insertHistoryIfChangedStatement(db, id, refusal, "hold", 1)]);
    expect(await historyOf(db, id)).toEqual([]);
  });

  it("reads a conversion's history oldest first across changes, and only its own", async () => {
    const [c, other] = await seedConversions(db, aConversion(), aConversion());
    const id = c?.id as string;
    await db.batch([
      touch(id, 2_000),
      insertHistoryIfChangedStatement(
        db,
        id,
        [{ field: "amount", old: "100", new: "50" }],
        "postback",
        2_000,
      ),
    ]);
    await db.batch([
      touch(id, 3_000),
      insertHistoryIfChangedStatement(
        db,
        id,
        [{ field: "status", old: "pending", new: "approved" }],
        "hold",
        3_000,
      ),
    ]);
    await db.batch([
      touch(other?.id as string, 4_000),
      insertHistoryIfChangedStatement(db, other?.id as string, refusal, "admin", 4_000),
    ]);
    const history = await historyOf(db, id);
    expect(history.map((h) => [h.changedAt, h.source, h.field, h.old, h.new])).toEqual([
      [2_000, "postback", "amount", "100", "50"],
      [3_000, "hold", "status", "pending", "approved"],
    ]);
  });
});
