import { beforeAll, describe, expect, it } from "vitest";
import { waitForClicks, waitForCounter } from "../support/click-rows";
import {
  ADMIN_TOKEN,
  aecidOf,
  api,
  call,
  createLink,
  createPartner,
  createProgram,
  postback,
  visit,
} from "../support/helpers";

let program: Awaited<ReturnType<typeof createProgram>>;
let linkId: string;

beforeAll(async () => {
  program = await createProgram();
  const partner = await createPartner("Reporter");
  const link = await createLink(program.id, partner.id);
  linkId = link.id;
  const subs = ["alpha", "alpha", "beta", "gamma"];
  const ids: string[] = [];
  for (const sub of subs) ids.push(aecidOf(await visit(`${link.id}?sub1=${sub}`)) as string);
  await visit(`${link.id}?sub1=beta`, { headers: { "User-Agent": "Googlebot/2.1" } });
  await waitForClicks("link_id = ?1", [link.id], subs.length);
  await waitForCounter("bot_hits", 1, "link_id = ?1", link.id);
  const key = program.conversion_key;
  const sold = await postback({ key, id: "r-1", amount: "100.00", currency: "EUR", cids: ids[0] });
  expect(sold.status).toBe(201);
  const refused = await postback({
    key,
    id: "r-2",
    amount: "40.00",
    currency: "EUR",
    cids: ids[2],
  });
  expect(refused.status).toBe(201);
  await api("POST", `/conversions/${refused.body.conversion_id}/refuse`, { reason: "fraud" });
});

describe("GET /api/reports", () => {
  it("breaks clicks, bot hits and conversions down by sub1, refused ones taken back", async () => {
    const { status, body } = await api(
      "GET",
      `/reports?program_id=${program.id}&group_by=sub1&sort=clicks`,
    );
    expect(status).toBe(200);
    const bySub = Object.fromEntries(
      (body.data as { sub1: string; clicks: number; bot_hits: number; conversions: number }[]).map(
        (r) => [r.sub1, [r.clicks, r.bot_hits, r.conversions]],
      ),
    );
    // The bot's hit counts under its own sub1, not as a click.
    expect(bySub).toEqual({ alpha: [2, 0, 1], beta: [1, 1, 0], gamma: [1, 0, 0] });
  });

  it("answers CSV, and a clear 400 for two click dimensions at once", async () => {
    const csv = await call(`/api/reports?link_id=${linkId}&group_by=link&format=csv`, {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toMatch(/^link_id,clicks,bot_hits,conversions,approved,revenue,commission/);
    // 4 clicks, the bot hit, 1 conversion counted (the refused one taken back).
    expect(lines[1]).toMatch(new RegExp(`^${linkId},4,1,1,`));
    const crossed = await api("GET", "/reports?group_by=sub1,country");
    expect(crossed.status).toBe(400);
  });
});
