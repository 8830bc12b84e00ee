/**
 * Click write capacity against the number of shards, for the benchmark: the same clicks written
 * through the pipeline's own writer (`commitClickBatches`) with one database, then three,
 * round after round (bench/lib/cost-pass.ts).
 * D1 runs one query at a time per database, so a database's capacity is what it can write per
 * second of its own busy time: the sum of `meta.duration` (time inside the database) of what it
 * ran. The shards are separate databases (on Cloudflare, separate machines), so the whole
 * takes clicks as fast as its busiest shard allows: clicks ÷ the busiest shard's busy time.
 * Here all three run in this one process, so wall time is reported too and does not scale.
 */
import type { ClickBatch } from "../../src/domain/click-batch";
import type { Click } from "../../src/domain/entities";
import { newId } from "../../src/domain/ids";
import { commitClickBatches } from "../../src/storage/click-shard-writes";

// Each pass writes to databases of its own, empty at the first round: neither inherits the
// other's rows, nor the rest of the benchmark's, which the main database holds.
const PLANS = { 1: "CLICKS_1", 3: "CLICKS_2 CLICKS_3 CLICKS_4" } as const;
/** A message of the click queue (what an isolate sends), and a consumer batch of them. */
const CLICKS_PER_MESSAGE = 100;
const MESSAGES_PER_DELIVERY = 10;

interface Busy {
  ms: number;
  statements: number;
  /** The database's size after each transaction (D1's `meta.size_after`), first and last. */
  firstSize: number | null;
  lastSize: number | null;
}

function timed(db: D1Database, busy: Busy): D1Database {
  return {
    prepare: (sql: string) => db.prepare(sql),
    async batch(statements: D1PreparedStatement[]) {
      const results = await db.batch(statements);
      for (const result of results) busy.ms += result.meta.duration ?? 0;
      busy.statements += statements.length;
      const size = results[results.length - 1]?.meta.size_after ?? null;
      if (busy.firstSize === null) busy.firstSize = size;
      busy.lastSize = size;
      return results;
    },
  } as unknown as D1Database;
}

const click = (linkId: string, now: number, i: number): Click => ({
  id: newId(now),
  linkId,
  programId: "6b08120ac1654479528665b3",
  partnerId: "6b08120ba191724d502d1955",
  createdAt: now,
  subIds: [i % 3 ? `creative-${i % 17}` : null, null, null, null, null],
  country: "FR",
  ipHash: newId(now).slice(0, 24).padEnd(32, "0"),
  device: "Chrome 131 / Windows / desktop",
  uaHash: newId(now).padEnd(32, "a"),
  refererHost: "blog.partner.example",
});

export async function shardCapacity(env: Env, shards: 1 | 3, clicks: number) {
  const bindings = PLANS[shards].split(" ");
  const busy: Record<string, Busy> = Object.fromEntries(
    bindings.map((b) => [b, { ms: 0, statements: 0, firstSize: null, lastSize: null }]),
  );
  const all = env as unknown as Record<string, D1Database>;
  const dbs = Object.fromEntries(
    bindings.map((b) => [b, timed(all[b] as D1Database, busy[b] as Busy)]),
  );
  const shardEnv = { ...env, ...dbs, CLICK_SHARDS: PLANS[shards] } as Env;
  const linkId = `capacity-${shards}`;
  const started = Date.now();
  // Clicks written in the first delivery, before the first size was seen.
  let first: number | null = null;
  for (let written = 0; written < clicks; ) {
    const batches: ClickBatch[] = [];
    for (let m = 0; m < MESSAGES_PER_DELIVERY && written < clicks; m++) {
      const now = Date.now();
      const size = Math.min(CLICKS_PER_MESSAGE, clicks - written);
      batches.push({
        id: newId(now),
        clicks: Array.from({ length: size }, (_, i) => click(linkId, now, written + i)),
        hits: [],
      });
      written += size;
    }
    await commitClickBatches(shardEnv, batches, newId(), Date.now());
    if (first === null) first = written;
  }
  const wallMs = Date.now() - started;
  const busiest = Math.max(...Object.values(busy).map((b) => b.ms));
  const grew = Object.values(busy).reduce(
    (sum, b) => sum + ((b.lastSize ?? 0) - (b.firstSize ?? 0)),
    0,
  );
  return {
    shards,
    clicks,
    /** Database bytes (pages included) per click written after the first delivery. */
    diskBytesPerClick: grew / Math.max(1, clicks - (first ?? 0)),
    perShard: Object.fromEntries(
      Object.entries(busy).map(([b, v]) => [b, { ms: v.ms, statements: v.statements }]),
    ),
    busiestShardMs: busiest,
    clicksPerSecond: clicks / (busiest / 1000),
    wallMs,
  };
}
