// What the payouts browser test starts from, made through the admin API and real traffic: a
// partner with approved commissions past their hold (a program with no hold) and one still held
// (a program with a 30-day hold), and an invite to the portal. Both programs approve at once.
import { expect } from "vitest";
import { follow, stored } from "./journey-traffic.ts";
import { adminApi, type ServerInfo } from "./server.ts";

export interface Seeded {
  partnerId: string;
  partnerName: string;
  /** The portal's invite fragment ("#invite=pi_…"). */
  inviteHash: string;
  /** Minor units (EUR): payable now, and still within the hold. */
  payable: number;
  held: number;
}

const PAID_NOW = 1250;
const HELD = 700;

async function created<T>(server: ServerInfo, path: string, body?: unknown): Promise<T> {
  const answer = await adminApi<T>(server, "POST", path, body);
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.json;
}

/** A postback for one order, retried while its click is still on its way to D1 (503). */
async function sale(server: ServerInfo, key: string, order: string, aecid: string) {
  const query = `key=${encodeURIComponent(key)}&id=${order}&amount=50.00&currency=EUR&cids=${aecid}`;
  for (let i = 0; i < 80; i++) {
    const response = await fetch(`${server.origin}/?${query}`);
    const body = (await response.json()) as { conversion_status?: string };
    if (response.status !== 503) {
      expect(response.status, JSON.stringify(body)).toBe(201);
      expect(body.conversion_status).toBe("approved");
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the postback for ${order} kept answering 503`);
}

/** A visitor's click on a link, stored: its aecid (a click takes one conversion per goal). */
async function click(server: ServerInfo, url: string) {
  const aecid = await follow(url.replace(/^https?:\/\/[^/]+/, server.origin));
  await stored(server, aecid);
  return aecid;
}

/** A program approving at once with a fixed EUR commission, and a link of the partner's. */
async function programWithLink(
  server: ServerInfo,
  name: string,
  partnerId: string,
  commission: number,
  holdDays: number | null,
) {
  const program = await created<{ id: string; conversion_key: string }>(server, "/programs", {
    name,
    landing_url: "https://shop.example.com/",
    allowed_domains: ["shop.example.com"],
    auto_approve: true,
    hold_days: holdDays,
    commission: { type: "fixed", value: commission, currency: "EUR" },
  });
  const link = await created<{ url: string }>(server, "/links", {
    program_id: program.id,
    partner_id: partnerId,
  });
  return { key: program.conversion_key, url: link.url };
}

export async function seedPayee(server: ServerInfo, run: number): Promise<Seeded> {
  const partnerName = `Payee ${run}`;
  const partner = await created<{ id: string }>(server, "/partners", {
    name: partnerName,
    email: `payee-${run}@example.com`,
  });
  const now = await programWithLink(server, `Payouts ${run}`, partner.id, PAID_NOW, null);
  const later = await programWithLink(server, `Payouts held ${run}`, partner.id, HELD, 30);
  await sale(server, now.key, `pay-a-${run}`, await click(server, now.url));
  await sale(server, now.key, `pay-b-${run}`, await click(server, now.url));
  await sale(server, later.key, `pay-held-${run}`, await click(server, later.url));
  const invite = await created<{ url: string }>(server, `/partners/${partner.id}/invite`);
  return {
    partnerId: partner.id,
    partnerName,
    inviteHash: new URL(invite.url).hash,
    payable: 2 * PAID_NOW,
    held: HELD,
  };
}

/** The partner's EUR balance as the API sums it. */
export async function balanceOf(server: ServerInfo, partnerId: string) {
  const answer = await adminApi<{ data: Record<string, number>[] }>(
    server,
    "GET",
    `/balances?currency=EUR&partner_id=${partnerId}`,
  );
  expect(answer.status).toBe(200);
  return answer.json.data[0] ?? { payable: 0, held: 0, in_payouts: 0, paid: 0 };
}
