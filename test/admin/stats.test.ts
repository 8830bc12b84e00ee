import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { utcDay } from "../../src/domain/entities";
import { waitForClicks, waitForCounter } from "../support/click-rows";
import { clickConversion, insertClickAt, registerConversion } from "../support/fixtures";
import {
  aecidOf,
  api,
  call,
  createLink,
  createPartner,
  createProgram,
  postback,
  visit,
} from "../support/helpers";

const DAY = 86_400_000;
const today = utcDay(Date.now());
const tenDaysAgo = utcDay(Date.now() - 10 * DAY);
let program: Awaited<ReturnType<typeof createProgram>>;
let alice: { id: string };
let bob: { id: string };
let aliceLink: { id: string; program_id: string; partner_id: string };
let aliceLink2: { id: string };
let bobLink: { id: string };

async function clicks(linkId: string, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(aecidOf(await visit(linkId)) as string);
  return ids;
}

beforeAll(async () => {
  program = await createProgram();
  alice = await createPartner("Alice");
  bob = await createPartner("Bob");
  aliceLink = await createLink(program.id, alice.id);
  aliceLink2 = await createLink(program.id, alice.id);
  bobLink = await createLink(program.id, bob.id);
  const [aliceClick] = await clicks(aliceLink.id, 3);
  await clicks(aliceLink2.id, 1);
  const [bobClick] = await clicks(bobLink.id, 2);
  for (let i = 0; i < 2; i++)
    await visit(aliceLink.id, { headers: { "User-Agent": "Googlebot/2.1" } });
  await visit(bobLink.id, { headers: { "User-Agent": "Googlebot/2.1" } });
  for (let i = 0; i < 4; i++)
    await call(`/i/${aliceLink.id}`, { headers: { "User-Agent": "Mozilla/5.0 Firefox/130.0" } });
  // Another program's traffic must not show in this one's report.
  const other = await createProgram();
  const otherLink = await createLink(other.id, alice.id);
  await clicks(otherLink.id, 2);
  await waitForCounter("clicks", 8);
  await waitForClicks("link_id IN (?1, ?2)", [aliceLink.id, bobLink.id], 5);

  const key = program.conversion_key;
  expect(
    (await postback({ key, id: "s-1", amount: "100.00", currency: "EUR", cids: aliceClick }))
      .status,
  ).toBe(201);
  const refused = await postback({
    key,
    id: "s-2",
    amount: "50.00",
    currency: "EUR",
    cids: bobClick,
  });
  await api("POST", `/conversions/${refused.body.conversion_id}/refuse`, { reason: "cancelled" });
  await api("POST", `/programs/${program.id}/vouchers`, { code: "BOB", partner_id: bob.id });
  expect(
    (await postback({ key, id: "s-3", amount: "20.00", currency: "USD", voucher: "BOB" })).status,
  ).toBe(201);

  // Ten days ago: five clicks on Alice's link, one of them converted.
  const then = Date.now() - 10 * DAY;
  await env.DB.prepare("INSERT INTO daily_link_counts (day, link_id, clicks) VALUES (?1, ?2, 5)")
    .bind(tenDaysAgo, aliceLink.id)
    .run();
  const oldClick = await insertClickAt(aliceLink, then);
  await registerConversion(
    clickConversion({
      programId: program.id,
      partnerId: alice.id,
      clickId: oldClick,
      orderId: "s-old",
      amount: 3000,
      at: then,
      linkId: aliceLink.id,
    }),
  );
});

const stats = (query: string) => api("GET", `/stats?program_id=${program.id}&${query}`);

describe("GET /api/stats", () => {
  it("groups by partner", async () => {
    const { status, body } = await stats("group_by=partner");
    expect(status).toBe(200);
    expect(body.data).toEqual([
      {
        partner_id: alice.id,
        clicks: 9,
        bot_hits: 2,
        impressions: 4,
        conversions: 2,
        conversion_rate: 0.2222,
        revenue: { EUR: 13000 },
        commission: { EUR: 1300 },
      },
      {
        partner_id: bob.id,
        clicks: 2,
        bot_hits: 1,
        impressions: 0,
        conversions: 1,
        conversion_rate: 0.5,
        revenue: { USD: 2000 },
        commission: { USD: 200 },
      },
    ]);
  });

  it("groups by link, with click-less conversions under a null link", async () => {
    const { body } = await stats("group_by=link");
    const byLink = Object.fromEntries(body.data.map((row: any) => [row.link_id, row]));
    expect(byLink[aliceLink.id]).toMatchObject({
      clicks: 8,
      bot_hits: 2,
      impressions: 4,
      conversions: 2,
      revenue: { EUR: 13000 },
    });
    expect(byLink[aliceLink2.id]).toMatchObject({ clicks: 1, conversions: 0, revenue: {} });
    expect(byLink[bobLink.id]).toMatchObject({ clicks: 2, bot_hits: 1, conversions: 0 });
    expect(byLink.null).toMatchObject({ clicks: 0, conversions: 1, revenue: { USD: 2000 } });
  });

  it("groups by day, every day of the range, refused conversions left out", async () => {
    const { body } = await stats("group_by=day");
    expect(body.data).toHaveLength(30);
    expect(body.data[29]).toMatchObject({
      day: today,
      clicks: 6,
      bot_hits: 3,
      impressions: 4,
      conversions: 2,
      revenue: { EUR: 10000, USD: 2000 },
    });
    expect(body.data.find((row: any) => row.day === tenDaysAgo)).toMatchObject({
      clicks: 5,
      conversions: 1,
      revenue: { EUR: 3000 },
    });
    expect(body.data.filter((row: any) => row.clicks === 0)).toHaveLength(28);
  });

  it("filters by date", async () => {
    const onlyToday = await stats(`group_by=partner&from=${today}&to=${today}`);
    expect(onlyToday.body.data.find((row: any) => row.partner_id === alice.id)).toMatchObject({
      clicks: 4,
      conversions: 1,
    });
    const before = await stats(`group_by=partner&to=${utcDay(Date.now() - DAY)}`);
    expect(before.body.data).toEqual([
      {
        partner_id: alice.id,
        clicks: 5,
        bot_hits: 0,
        impressions: 0,
        conversions: 1,
        conversion_rate: 0.2,
        revenue: { EUR: 3000 },
        commission: { EUR: 300 },
      },
    ]);
  });

  it("refuses an unknown grouping and bad ranges", async () => {
    for (const query of [
      "group_by=country",
      `from=${today}&to=2020-01-01`,
      "from=2020-01-01&to=2026-11-25",
      "from=2026-02-30",
      "to=yesterday",
    ]) {
      const response = await stats(query);
      expect(response.status, query).toBe(400);
      expect(response.body.error.code).toBe("invalid_request");
    }
  });
});
