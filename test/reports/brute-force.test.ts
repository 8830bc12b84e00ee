import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type ClickBatch, countDeltas } from "../../src/domain/click-batch";
import { type Click, utcDay } from "../../src/domain/entities";
import { type HitVisit, hitValues } from "../../src/domain/hit-dims";
import { newId } from "../../src/domain/ids";
import { CLICK_DIMENSIONS, type ClickDimension } from "../../src/domain/report-dims";
import { commitClickBatches } from "../../src/storage/click-shard-writes";
import { api, createLink, createPartner, createProgram, postback } from "../support/helpers";

// Thousands of random clicks, bot hits and conversions (some then approved, some refused),
// written by the Worker's own writers across the test's three click databases; then every
// dimension's report, against a count of the same raw events.
const CLICKS = 3000;
const BOTS = 200;
const SALES = 150;

let seed = 7;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
const maybe = (values: readonly string[]) => (random() < 0.2 ? null : pick(values));
const DEVICES = [
  "Chrome 131 / Windows / desktop",
  "Safari 18 / iOS / phone",
  "Firefox 133 / Linux / desktop",
];

type Raw = Record<ClickDimension | "day" | "link" | "partner", string | null>;
const rawOf = (c: Click): Raw => ({
  sub1: c.subIds[0],
  sub2: c.subIds[1],
  sub3: c.subIds[2],
  sub4: c.subIds[3],
  sub5: c.subIds[4],
  country: c.country,
  device: c.device,
  referrer: c.refererHost,
  day: utcDay(c.createdAt),
  link: c.linkId,
  partner: c.partnerId,
});

interface Tally {
  clicks: number;
  bot_hits: number;
  conversions: number;
  approved: number;
  commission: number;
}

describe("reports against a brute-force count", () => {
  it("answer, for every dimension, what counting the raw clicks and conversions answers", async () => {
    const program = await createProgram({ postbacks_per_minute: 100_000 });
    const partners = [await createPartner("A"), await createPartner("B")];
    const links: { id: string; partner: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const partner = partners[i % 2] as { id: string };
      links.push({
        id: (await createLink(program.id, partner.id)).id as string,
        partner: partner.id,
      });
    }
    const now = Date.now();
    const clicks: Click[] = Array.from({ length: CLICKS }, () => {
      const link = pick(links);
      const at = now - Math.floor(random() * 2.5 * 86_400_000);
      return {
        id: newId(at),
        linkId: link.id,
        programId: program.id,
        partnerId: link.partner,
        createdAt: at,
        subIds: [
          maybe(["a", "b", "c", "d", "e", "f", "g"]),
          maybe(["x", "y"]),
          maybe(["m"]),
          null,
          maybe(["z1", "z2"]),
        ],
        country: maybe(["FR", "DE", "US", "ES"]),
        ipHash: null,
        device: maybe(DEVICES),
        uaHash: null,
        refererHost: maybe(["news.example", "blog.example"]),
      };
    });
    const bots = Array.from({ length: BOTS }, () => {
      const link = pick(links);
      const visit: HitVisit = {
        programId: program.id,
        partnerId: link.partner,
        subIds: [maybe(["a", "b", "bot"]), null, null, null, null],
        country: maybe(["FR", "CN"]),
        userAgent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        refererHost: null,
      };
      return { link, at: now - Math.floor(random() * 2 * 86_400_000), visit };
    });
    const batches: ClickBatch[] = [];
    for (let i = 0; i < CLICKS; i += 100) {
      const hits = bots.slice((i / 100) * 7, (i / 100 + 1) * 7);
      batches.push({
        id: newId(),
        clicks: clicks.slice(i, i + 100),
        hits: countDeltas(
          hits.map((b) => ({
            linkId: b.link.id,
            at: utcDay(b.at),
            counter: "bot_hits",
            visit: b.visit,
          })),
        ),
      });
    }
    const written = bots.slice(0, (CLICKS / 100) * 7);
    await commitClickBatches(env, batches, newId(), now);

    const sold = clicks.slice(0, SALES);
    const conversionIds: string[] = [];
    for (const [i, c] of sold.entries()) {
      const cents = 1000 + Math.floor(random() * 9000);
      const answer = await postback({
        key: program.conversion_key,
        id: `bf-${i}`,
        amount: (cents / 100).toFixed(2),
        currency: "EUR",
        cids: c.id,
      });
      expect(answer.status).toBe(201);
      conversionIds.push(answer.body.conversion_id);
    }
    for (const [i, id] of conversionIds.entries()) {
      if (i % 5 === 0)
        expect((await api("POST", `/conversions/${id}/refuse`, { reason: "fraud" })).status).toBe(
          200,
        );
      else if (i % 3 === 0)
        expect((await api("POST", `/conversions/${id}/approve`)).status).toBe(200);
    }
    const { results: stored } = await env.DB.prepare(
      "SELECT click_id, status, commission FROM conversions WHERE program_id = ?1",
    )
      .bind(program.id)
      .all<{ click_id: string; status: string; commission: number }>();
    expect(stored).toHaveLength(SALES);

    const byId = new Map(clicks.map((c) => [c.id, c]));
    const from = utcDay(now - 3 * 86_400_000);
    const to = utcDay(now);
    // By goal, each row carries its clicks' count (all of them: every sale is of goal "sale").
    const keys = [...CLICK_DIMENSIONS, "day", "link", "partner", "goal"] as const;
    const keyOf = (raw: Record<string, string | null>, key: (typeof keys)[number]) =>
      key === "goal" ? "sale" : (raw[key] ?? null);
    for (const key of keys) {
      const brute = new Map<string | null, Tally>();
      const tally = (k: string | null) => {
        const into = brute.get(k) ?? {
          clicks: 0,
          bot_hits: 0,
          conversions: 0,
          approved: 0,
          commission: 0,
        };
        brute.set(k, into);
        return into;
      };
      for (const c of clicks) tally(keyOf(rawOf(c), key)).clicks++;
      for (const b of written) {
        const [sub1, sub2, sub3, sub4, sub5] = b.visit.subIds;
        const values: Record<string, string | null> = {
          sub1,
          sub2,
          sub3,
          sub4,
          sub5,
          country: b.visit.country,
          device: hitValues(b.visit).device,
          referrer: b.visit.refererHost,
          day: utcDay(b.at),
          link: b.link.id,
          partner: b.link.partner,
        };
        tally(keyOf(values, key)).bot_hits++;
      }
      for (const s of stored) {
        if (s.status === "refused") continue;
        const into = tally(keyOf(rawOf(byId.get(s.click_id) as Click), key));
        into.conversions++;
        if (s.status === "approved") into.approved++;
        into.commission += s.commission;
      }
      const { status, body } = await api(
        "GET",
        `/reports?program_id=${program.id}&from=${from}&to=${to}&group_by=${key}&limit=1000`,
      );
      expect(status).toBe(200);
      const name = key === "link" ? "link_id" : key === "partner" ? "partner_id" : key;
      const got = new Map<string | null, Tally>();
      for (const row of body.data as Record<string, any>[]) {
        got.set(row[name], {
          clicks: row.clicks,
          bot_hits: row.bot_hits,
          conversions: row.conversions,
          approved: row.approved,
          commission: row.commission.EUR ?? 0,
        });
      }
      expect({ key, rows: Object.fromEntries(got) }).toEqual({
        key,
        rows: Object.fromEntries(brute),
      });
    }
  }, 120_000);
});
