import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { idLowerBound, newId, newLogId } from "../../src/domain/ids";
import { getClickIn, insertClicksStatement } from "../../src/storage/clicks";
import { insertLogStatement } from "../../src/storage/postback-log";
import { insertProgram } from "../../src/storage/programs";
import {
  convertedAmong,
  deleteOldLogRows,
  deleteOldTextIdClicks,
  oldClickIds,
  programWindows,
  retireClicks,
} from "../../src/storage/retention";
import { aClick } from "../support/storage-clicks";
import { aConversion, aProgram, seedConversions } from "../support/storage-seeds";

const shard = env.CLICKS_2;
// Clicks of 1995, a time no other test writes: the scan below starts there.
const T0 = Date.UTC(1995, 0, 1) / 1000;
const at = (seconds: number) => (T0 + seconds) * 1000;

describe("storage/retention", () => {
  it("reads every program's attribution window", async () => {
    const program = aProgram({ attributionWindowDays: 45 });
    await insertProgram(env.DB, program, "hash");
    expect(await programWindows(env.DB)).toContainEqual({
      id: program.id,
      attributionWindowDays: 45,
    });
  });

  it("finds old clicks oldest first, past their own program's cutoff, not yet kept, a batch at a time", async () => {
    const short = newId();
    const long = newId();
    const clicks = [
      aClick({ id: newId(at(10)), programId: short }),
      aClick({ id: newId(at(20)), programId: long }),
      aClick({ id: newId(at(30)), programId: short }),
      aClick({ id: newId(at(40)), programId: newId() }),
      aClick({ id: newId(at(500)), programId: short }),
    ];
    await insertClicksStatement(shard, clicks).run();
    const cutoffs = {
      scanBefore: idLowerBound(T0 + 100),
      byProgram: { [short]: idLowerBound(T0 + 100), [long]: idLowerBound(T0 + 15) },
      fallback: idLowerBound(T0 + 35),
    };
    const ids = clicks.map((c) => c.id);
    expect(await oldClickIds(shard, cutoffs, idLowerBound(T0), 10)).toEqual([ids[0], ids[2]]);
    expect(await oldClickIds(shard, cutoffs, idLowerBound(T0), 1)).toEqual([ids[0]]);
    expect(await oldClickIds(shard, cutoffs, ids[0] as string, 10)).toEqual([ids[2]]);
    const fallback = { ...cutoffs, fallback: idLowerBound(T0 + 50) };
    expect(await oldClickIds(shard, fallback, idLowerBound(T0), 10)).toEqual([
      ids[0],
      ids[2],
      ids[3],
    ]);
    await retireClicks(shard, [], [ids[0] as string]);
    expect(await oldClickIds(shard, cutoffs, idLowerBound(T0), 10)).toEqual([ids[2]]);
  });

  it("tells which of many clicks (past 100) a conversion points to, of either kind of goal", async () => {
    const [sale, renewal] = await seedConversions(
      env.DB,
      aConversion(),
      aConversion({ goal: "renewal", repeatable: true }),
    );
    const others = Array.from({ length: 150 }, () => newId());
    const found = await convertedAmong(env.DB, [
      ...others,
      sale?.clickId as string,
      renewal?.clickId as string,
    ]);
    expect(found).toEqual(new Set([sale?.clickId, renewal?.clickId]));
  });

  it("deletes unconverted clicks and strips the converted ones, in one transaction", async () => {
    const gone = Array.from({ length: 120 }, () => aClick());
    const kept = aClick();
    await insertClicksStatement(shard, [...gone, kept]).run();
    const result = await retireClicks(
      shard,
      gone.map((c) => c.id),
      [kept.id],
    );
    expect(result).toEqual({ deleted: 120, erased: 1 });
    expect(await getClickIn(shard, gone[0]?.id as string)).toBeNull();
    expect(await getClickIn(shard, kept.id)).toEqual({
      ...kept,
      ipHash: null,
      device: null,
      uaHash: null,
      refererHost: null,
    });
    const row = await shard
      .prepare("SELECT kept FROM clicks WHERE id = unhex(?1)")
      .bind(kept.id)
      .first();
    expect(row).toEqual({ kept: 1 });
  });

  it("deletes the previous release's text-id rows before an id, and never a BLOB row", async () => {
    const old = aClick({ id: newId(at(1)) });
    await shard
      .prepare(
        "INSERT INTO clicks (id, link_id, program_id, partner_id, created_at) VALUES (?1, 'L', ?2, ?3, ?4)",
      )
      .bind(old.id, old.programId, old.partnerId, old.createdAt)
      .run();
    const before = idLowerBound(T0 + 2);
    expect(await deleteOldTextIdClicks(shard, before, 100)).toBeGreaterThanOrEqual(1);
    const left = await shard
      .prepare("SELECT typeof(id) AS t FROM clicks WHERE id = ?1 OR id = unhex(?1)")
      .bind(old.id)
      .all();
    // The copy in today's form stays, for retention to deal with as any click.
    expect(left.results).toEqual([{ t: "blob" }]);
  });

  it("deletes old postback-log rows of every program, a batch at a time", async () => {
    const programs = [aProgram(), aProgram()];
    for (const p of programs) await insertProgram(env.DB, p, "hash");
    const old = programs.flatMap((p) =>
      [1_000, 2_000].map((t) => ({
        programId: p.id,
        id: newLogId(t),
        receivedAt: t,
        httpStatus: 201,
        outcome: "registered",
        conversionId: null,
        fields: {},
      })),
    );
    const recent = { ...old[0], id: newLogId(9_000_000) } as (typeof old)[number];
    for (const e of [...old, recent]) await insertLogStatement(env.DB, e).run();
    const before = newLogId(5_000).slice(0, 12);
    expect(await deleteOldLogRows(env.DB, before, 3)).toBe(3);
    expect(await deleteOldLogRows(env.DB, before, 100)).toBeGreaterThanOrEqual(1);
    const left = await env.DB.prepare("SELECT id FROM postback_log WHERE program_id IN (?1, ?2)")
      .bind(programs[0]?.id, programs[1]?.id)
      .all<{ id: string }>();
    expect(left.results.map((r) => r.id)).toEqual([recent.id]);
  });
});
