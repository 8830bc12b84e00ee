/**
 * The reports benchmark's traffic, for the benchmark only (bench/reports.ts): the counter rows
 * (day × link, with their report rollups) that a day of clicks and their conversions leave, written
 * by the Worker's own upsert (storage/rollups.ts) from the Worker's own measures
 * (domain/report-dims.ts), as the click writer and the conversion writer would. The raw clicks are
 * not stored: reports never read them, and ten million click rows would only cost the seeding
 * time. Deterministic: the same day and parameters give the same rows.
 */
import { utcDay } from "../../src/domain/entities";
import {
  addMeasures,
  conversionMeasures,
  type DimsDelta,
  type DimValues,
} from "../../src/domain/report-dims";
import { type GroupKey, PAGE, reportPageSql } from "../../src/reports/report-sql";
import { type RollupEntry, rollupStatement } from "../../src/storage/rollups";

export interface SeedDay {
  /** Milliseconds of any time in the day. */
  at: number;
  programId: string;
  /** The links, each with its partner. */
  links: { id: string; partner: string }[];
  clicks: number;
  sub1Values: number;
  cap: number;
}

const COUNTRIES = ["FR", "DE", "US", "GB", "ES", "IT", "NL", "BE", "CH", "CA"];
const DEVICES = [
  "Chrome 131 / Windows / desktop",
  "Safari 18 / iOS / phone",
  "Chrome 131 / Android / phone",
  "Firefox 133 / Windows / desktop",
  "Safari 18 / macOS / desktop",
  "Edge 131 / Windows / desktop",
];
const REFERRERS = [null, "news.example", "blog.example", "search.example", "social.example"];

/** A small seeded generator (mulberry32): the same day draws the same traffic. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Skewed towards the first values, as real traffic is (a few countries make most of it). */
const skewed = <T>(values: readonly T[], r: number): T =>
  values[Math.floor(values.length * r * r)] as T;

export interface SeededDay {
  clicks: number;
  conversions: number;
  statements: number;
  rowsWritten: number;
}

/** One UTC day of `clicks` spread evenly over the links, 2 % converting, written in few statements. */
export async function seedReportDay(db: D1Database, s: SeedDay): Promise<SeededDay> {
  const day = utcDay(s.at);
  const next = random(Number(day.replaceAll("-", "")));
  const entries: RollupEntry[] = s.links.map((link) => ({
    day,
    linkId: link.id,
    clicks: 0,
    programId: s.programId,
    partnerId: link.partner,
    dims: {} as DimsDelta,
  }));
  let conversions = 0;
  for (let i = 0; i < s.clicks; i++) {
    const entry = entries[i % entries.length] as RollupEntry;
    const values: DimValues = {
      sub1: `s${Math.floor(next() * s.sub1Values)}`,
      sub2: next() < 0.5 ? `placement-${Math.floor(next() * 8)}` : null,
      sub3: null,
      sub4: null,
      sub5: null,
      country: skewed(COUNTRIES, next()),
      device: skewed(DEVICES, next()),
      referrer: skewed(REFERRERS, next()),
    };
    entry.clicks = (entry.clicks ?? 0) + 1;
    addMeasures(entry.dims ?? {}, values, { c: 1 });
    if (next() < 0.02) {
      conversions++;
      const amount = 1000 + Math.floor(next() * 9000);
      const draw = next();
      const status = draw < 0.6 ? "approved" : draw < 0.9 ? "pending" : "refused";
      const measures = conversionMeasures({
        goal: "sale",
        status,
        amount,
        currency: "EUR",
        commission: Math.round(amount / 10),
        commissionCurrency: "EUR",
      });
      addMeasures(entry.dims ?? {}, values, measures);
    }
  }
  // Chunks well under D1's 2 MB a string parameter, as the click writer keeps them.
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < entries.length; i += 50) {
    statements.push(rollupStatement(db, entries.slice(i, i + 50), s.cap));
  }
  const results = await db.batch(statements);
  return {
    clicks: s.clicks,
    conversions,
    statements: statements.length,
    rowsWritten: results.reduce((sum, r) => sum + (r.meta.rows_written ?? 0), 0),
  };
}

/**
 * What GET /api/reports' read costs in the database: the very statements it runs (its pages,
 * reports/report-sql.ts), D1's metadata summed.
 */
export async function reportReadCost(
  db: D1Database,
  groupBy: GroupKey[],
  from: string,
  to: string,
) {
  const statement = db.prepare(reportPageSql(groupBy));
  const cost = { rowsRead: 0, ms: 0, statements: 0, rows: 0 };
  let after = [from, ""];
  for (;;) {
    const page = await statement.bind(after[0], after[1], to, null, null, null, PAGE).all();
    cost.rowsRead += page.meta.rows_read;
    cost.ms += page.meta.duration;
    cost.statements++;
    cost.rows += page.results.length;
    const last = page.results.at(-1) as { at_day: string; at_link: string } | undefined;
    if (!last || page.results.length < PAGE) return cost;
    after = [last.at_day, last.at_link];
  }
}
