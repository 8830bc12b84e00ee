import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { attribute } from "../../src/domain/attribution";
import { utcDay } from "../../src/domain/entities";
import { newId } from "../../src/domain/ids";
import type { PostbackInput } from "../../src/domain/postback-fields";
import { readPostbackContext } from "../../src/postback/postback-context";
import {
  ADD_COUNTS_SQL,
  INSERT_CLICKS_SQL,
  INSERT_RECEIPTS_SQL,
  type PreviousClick,
  previousClickTuple,
  RECEIPTED_COUNTS_SQL,
} from "../fixtures/previous-release/click-statements";

/**
 * The previous release (test/fixtures/previous-release) writing clicks into the empty
 * MIGRATION_DB, and today's code reading them there: what tests of an upgrade's window share.
 */
export const DAY = 86_400_000;
export const NOW = Date.now();
export const PROGRAM = newId(NOW - 30 * DAY);
export const PARTNER = newId(NOW - 30 * DAY);
export const LINK = "LinkPrevRel1";
export const IP_HASH = "9edd21dad3057e51d1a0814fe244bfad".repeat(2);
export const AGENT = "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0";

export const db = env.MIGRATION_DB;
// Today's code on the migrated database, all clicks in it (as before shards).
export const upgraded = { ...env, DB: db, CLICK_SHARDS: "DB" } as Env;

export const oldClick = (createdAt: number): PreviousClick => ({
  id: newId(createdAt),
  linkId: LINK,
  programId: PROGRAM,
  partnerId: PARTNER,
  createdAt,
  subIds: ["news", null, null, null, null],
  country: "FR",
  ipHash: IP_HASH,
  userAgent: AGENT,
  refererHost: "blog.example",
});

const counts = (clicks: PreviousClick[]) => [[utcDay(NOW), LINK, clicks.length, 0, 0]];

/** The previous release's consumer writing a batch of one click (counted if its row is new). */
export const writeSingle = (click: PreviousClick) =>
  db.batch([
    db.prepare(INSERT_CLICKS_SQL).bind(JSON.stringify([previousClickTuple(click)])),
    db.prepare(ADD_COUNTS_SQL).bind(JSON.stringify(counts([click])), 1),
  ]);

/** …and a batch of several (counted if its receipt is this run's). */
export const writeBatch = (batchId: string, clicks: PreviousClick[], runId: string) =>
  db.batch([
    db.prepare(INSERT_RECEIPTS_SQL).bind(JSON.stringify([batchId]), runId, NOW),
    db
      .prepare(RECEIPTED_COUNTS_SQL)
      .bind(JSON.stringify(counts(clicks).map((row) => [batchId, ...row])), runId),
    db.prepare(INSERT_CLICKS_SQL).bind(JSON.stringify(clicks.map(previousClickTuple))),
  ]);

const postbackInput = (cids: string[]): PostbackInput => ({
  orderId: "o1",
  amount: 1000,
  amountGiven: true,
  amountNote: null,
  currency: "EUR",
  payment: null,
  customer: null,
  cv: null,
  vouchers: [],
  cids,
  goal: null,
  status: null,
  test: false,
});

export async function attributedClick(cid: string) {
  const context = await readPostbackContext(upgraded, PROGRAM, postbackInput([cid]), NOW);
  const rules = { programId: PROGRAM, windowDays: 30, model: "last_click", revenueShare: false };
  const result = attribute(
    rules as Parameters<typeof attribute>[0],
    {
      cids: [cid],
      clicks: context.clicks,
      boundPartner: null,
      vouchers: [],
      voucherPartners: new Map(),
    },
    NOW,
  );
  return result.ok ? result.attribution : result.cids;
}

/** The schema before `name`, with a program, a partner and a link. */
export async function applyMigrationsBefore(name: string) {
  await applyD1Migrations(
    db,
    env.TEST_MIGRATIONS.filter((m) => m.name < name),
  );
  await db.batch([
    db
      .prepare(
        `INSERT INTO programs (id, name, landing_url, allowed_domains, attribution_window_days,
             attribution_model, revenue_share, commission_type, commission_value, auto_approve,
             postbacks_per_minute, key_hash, created_at, updated_at)
           VALUES (?1, 'p', 'https://shop.example/', '["shop.example"]', 30, 'last_click', 0,
             'percent', 100000, 0, 3000, 'h', 1, 1)`,
      )
      .bind(PROGRAM),
    db.prepare("INSERT INTO partners (id, name, created_at) VALUES (?1, 'A', 1)").bind(PARTNER),
    db
      .prepare("INSERT INTO links (id, program_id, partner_id, created_at) VALUES (?1, ?2, ?3, 1)")
      .bind(LINK, PROGRAM, PARTNER),
  ]);
}
