import type { Program } from "../domain/entities";
import type { Goal } from "../domain/goals";
import { type CommissionRule, PERCENT_SCALE } from "../domain/money";
import { type CursorKey, newestFirst, type Page } from "./pages";
import { runWith } from "./run-with";

export interface ProgramRow {
  id: string;
  name: string;
  landing_url: string;
  allowed_domains: string;
  attribution_window_days: number;
  attribution_model: Program["attributionModel"];
  revenue_share: number;
  commission_type: CommissionRule["type"];
  commission_value: number;
  commission_currency: string | null;
  auto_approve: number;
  first_party_cookie_domain: string | null;
  postbacks_per_minute: number;
  key_hash: string;
  goals: string | null;
  default_goal: string | null;
  hold_days: number | null;
  min_seconds_to_convert: number | null;
  /** Migration 0017; absent only in a test's row written as an older release did. */
  applications_open?: number;
  /** Migration 0016; absent as above. */
  partners_see_amounts?: number;
  created_at: number;
  updated_at: number;
}

export function toProgram(row: ProgramRow): Program {
  const commission: CommissionRule =
    row.commission_type === "fixed"
      ? { type: "fixed", value: row.commission_value, currency: row.commission_currency ?? "" }
      : { type: "percent", value: row.commission_value / PERCENT_SCALE };
  return {
    id: row.id,
    name: row.name,
    landingUrl: row.landing_url,
    allowedDomains: JSON.parse(row.allowed_domains) as string[],
    attributionWindowDays: row.attribution_window_days,
    attributionModel: row.attribution_model,
    revenueShare: row.revenue_share === 1,
    commission,
    autoApprove: row.auto_approve === 1,
    firstPartyCookieDomain: row.first_party_cookie_domain,
    postbacksPerMinute: row.postbacks_per_minute,
    goals: row.goals ? (JSON.parse(row.goals) as Goal[]) : null,
    defaultGoal: row.default_goal,
    holdDays: row.hold_days,
    minSecondsToConvert: row.min_seconds_to_convert,
    applicationsOpen: row.applications_open === 1,
    partnersSeeAmounts: row.partners_see_amounts === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function params(program: Program): unknown[] {
  const { commission } = program;
  return [
    program.id,
    program.name,
    program.landingUrl,
    JSON.stringify(program.allowedDomains),
    program.attributionWindowDays,
    program.attributionModel,
    program.revenueShare ? 1 : 0,
    commission.type,
    commission.type === "fixed" ? commission.value : Math.round(commission.value * PERCENT_SCALE),
    commission.type === "fixed" ? commission.currency : null,
    program.autoApprove ? 1 : 0,
    program.firstPartyCookieDomain,
    program.postbacksPerMinute,
    program.updatedAt,
    program.goals ? JSON.stringify(program.goals) : null,
    program.holdDays,
    program.minSecondsToConvert,
    program.defaultGoal,
    program.applicationsOpen ? 1 : 0,
    program.partnersSeeAmounts ? 1 : 0,
  ];
}

export async function insertProgram(
  db: D1Database,
  program: Program,
  keyHash: string,
  also: D1PreparedStatement[] = [],
) {
  const insert = db
    .prepare(
      `INSERT INTO programs (id, name, landing_url, allowed_domains, attribution_window_days,
         attribution_model, revenue_share, commission_type, commission_value, commission_currency,
         auto_approve, first_party_cookie_domain, postbacks_per_minute, updated_at, goals, hold_days,
         min_seconds_to_convert, default_goal, applications_open, partners_see_amounts, key_hash,
         created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
         ?20, ?21, ?22)`,
    )
    .bind(...params(program), keyHash, program.createdAt);
  await runWith(db, insert, also);
}

export async function updateProgram(
  db: D1Database,
  program: Program,
  also: D1PreparedStatement[] = [],
) {
  const update = db
    .prepare(
      `UPDATE programs SET name = ?2, landing_url = ?3, allowed_domains = ?4,
         attribution_window_days = ?5, attribution_model = ?6, revenue_share = ?7,
         commission_type = ?8, commission_value = ?9, commission_currency = ?10, auto_approve = ?11,
         first_party_cookie_domain = ?12, postbacks_per_minute = ?13, updated_at = ?14, goals = ?15,
         hold_days = ?16, min_seconds_to_convert = ?17, default_goal = ?18, applications_open = ?19,
         partners_see_amounts = ?20
       WHERE id = ?1`,
    )
    .bind(...params(program));
  await runWith(db, update, also);
}

export function selectProgramRow(db: D1Database, id: string) {
  return db.prepare("SELECT * FROM programs WHERE id = ?1").bind(id);
}

export async function getProgram(db: D1Database, id: string): Promise<Program | null> {
  const row = await selectProgramRow(db, id).first<ProgramRow>();
  return row ? toProgram(row) : null;
}

export async function listPrograms(
  db: D1Database,
  limit: number,
  after: CursorKey | null,
): Promise<Page<Program>> {
  return newestFirst(db, "SELECT * FROM programs WHERE 1", [], { limit, after }, toProgram);
}

/** Replaces the key hash; the old key fails from the next postback on, in every isolate. */
export async function setKeyHash(
  db: D1Database,
  id: string,
  keyHash: string,
  now: number,
  also: D1PreparedStatement[] = [],
) {
  const update = db
    .prepare("UPDATE programs SET key_hash = ?2, updated_at = ?3 WHERE id = ?1")
    .bind(id, keyHash, now);
  const result = await runWith(db, update, also);
  return result.meta.changes === 1;
}

/** The programs with a hold period (few: the hourly job reads them all). */
/** A program with a hold period, and how far its hourly job has looked (0: not yet). */
export interface HeldProgram {
  program: Program;
  checkedUntil: number;
}

export async function programsWithHold(db: D1Database): Promise<HeldProgram[]> {
  const { results } = await db
    .prepare("SELECT * FROM programs WHERE hold_days IS NOT NULL")
    .all<ProgramRow & { hold_checked_until?: number | null }>();
  return results.map((row) => ({
    program: toProgram(row),
    checkedUntil: row.hold_checked_until ?? 0,
  }));
}

/** Moves the hold job's mark forward (never back: two runs at once keep the later one). */
export async function setHoldCheckedUntil(db: D1Database, id: string, until: number) {
  await db
    .prepare(
      "UPDATE programs SET hold_checked_until = ?2 WHERE id = ?1 AND coalesce(hold_checked_until, 0) < ?2",
    )
    .bind(id, until)
    .run();
}
