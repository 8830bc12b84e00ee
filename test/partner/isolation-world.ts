import { env } from "cloudflare:workers";
import { waitForClicks, waitForCounter } from "../support/click-rows";
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
import { type PartnerBrowser, signInPartner } from "../support/partner-session";
import { addPasskey } from "../support/passkey-browser";
import { fieldsFor } from "../support/postbacks";
import { receiverHost } from "../support/receiver-client";
import { SoftAuthenticator } from "../support/soft-authenticator";

/**
 * Two partners and three programs: Alice is in P1 only; Bob in P1 and P2; nobody in P3. P1 shows
 * its partners the order amounts, P2 does not. Each has links, clicks, a conversion per link,
 * a postback endpoint made in the portal and an API token.
 */
export async function twoPartners() {
  const [p1, p2, p3] = await Promise.all([
    createProgram({ name: "P1", partners_see_amounts: true }),
    createProgram({ name: "P2" }),
    createProgram({ name: "P3" }),
  ]);
  const [aliceRow, bobRow] = [await createPartner("Alice"), await createPartner("Bob")];
  const links = {
    a1: await createLink(p1.id, aliceRow.id),
    b1: await createLink(p1.id, bobRow.id),
    b2: await createLink(p2.id, bobRow.id),
  };
  const alice = await signInPartner(aliceRow.id);
  const bob = await signInPartner(bobRow.id);
  const hosts = { alice: receiverHost(), bob: receiverHost() };
  const endpoint = async (who: PartnerBrowser, host: string) => {
    const made = await who.json("POST", "/endpoints", {
      url: `https://${host}/pb?c={commission}&s={sub1}&p={partner_id}`,
      method: "GET",
      events: ["conversion.registered"],
    });
    if (made.status !== 201) throw new Error(JSON.stringify(made.body));
    return made.body.id as string;
  };
  const endpoints = {
    alice: await endpoint(alice, hosts.alice),
    bob: await endpoint(bob, hosts.bob),
  };
  const token = async (who: PartnerBrowser) =>
    (await who.json("POST", "/tokens", { name: "t" })).body;
  const tokens = { alice: await token(alice), bob: await token(bob) };
  const passkey = async (who: PartnerBrowser) => {
    const added = await addPasskey(who, await SoftAuthenticator.create());
    if (added.status !== 201) throw new Error(JSON.stringify(added.body));
    return added.body.id as string;
  };
  const passkeys = { alice: await passkey(alice), bob: await passkey(bob) };
  // Clicks: one through Alice's link, two through Bob's in P1, one in P2; each converts.
  const clicks: { link: string; key: string; aecid: string }[] = [];
  for (const [link, key] of [
    [links.a1.id, p1.conversion_key],
    [links.b1.id, p1.conversion_key],
    [links.b1.id, p1.conversion_key],
    [links.b2.id, p2.conversion_key],
  ] as const) {
    const aecid = aecidOf(await visit(link, { query: "sub1=mine" })) as string;
    clicks.push({ link, key, aecid });
  }
  for (const { aecid } of clicks) await waitForClicks("id = unhex(?1)", [aecid], 1);
  for (const [link, count] of [
    [links.a1.id, 1],
    [links.b1.id, 2],
    [links.b2.id, 1],
  ] as const)
    await waitForCounter("clicks", count, "link_id = ?1", link);
  let n = 0;
  for (const click of clicks) {
    const sale = await postback(fieldsFor(click.key, click.aecid, `order-${++n}`));
    if (sale.status !== 201) throw new Error(JSON.stringify(sale.body));
  }
  const conversionsOf = async (partnerId: string) =>
    (
      await env.DB.prepare("SELECT id FROM conversions WHERE partner_id = ?1 ORDER BY id")
        .bind(partnerId)
        .all<{ id: string }>()
    ).results.map((r) => r.id);
  const conversions = {
    alice: await conversionsOf(aliceRow.id),
    bob: await conversionsOf(bobRow.id),
  };
  const payouts = await payoutsOf(aliceRow.id, bobRow.id, conversions, p1.id);
  return {
    programs: { p1, p2, p3 },
    ids: { alice: aliceRow.id, bob: bobRow.id },
    links,
    alice,
    bob,
    hosts,
    endpoints,
    tokens,
    passkeys,
    conversions,
    payouts,
  };
}

/**
 * Payouts (issue 28): Alice's and one of Bob's P1 conversions approved and paid together
 * (`shared`), Bob's other P1 conversion in a draft of his own (`bob`). P2's stays pending.
 */
async function payoutsOf(
  alice: string,
  bob: string,
  conversions: { alice: string[]; bob: string[] },
  p1: string,
) {
  const inP1 = (
    await env.DB.prepare(
      "SELECT id FROM conversions WHERE partner_id = ?1 AND program_id = ?2 ORDER BY id",
    )
      .bind(bob, p1)
      .all<{ id: string }>()
  ).results.map((r) => r.id);
  const approve = async (id: string | undefined) => {
    const done = await api("POST", `/conversions/${id}/approve`);
    if (done.status !== 200) throw new Error(JSON.stringify(done.body));
  };
  await approve(conversions.alice[0]);
  await approve(inP1[0]);
  const make = async (partnerIds: string[]) => {
    const made = await api("POST", "/payouts", {
      currency: "EUR",
      minimum: 0,
      partner_ids: partnerIds,
    });
    if (made.status !== 201) throw new Error(JSON.stringify(made.body));
    return made.body.id as string;
  };
  const shared = await make([alice, bob]);
  const paid = await api("POST", `/payouts/${shared}/paid`, { reference: "isolation" });
  if (paid.status !== 200) throw new Error(JSON.stringify(paid.body));
  await approve(inP1[1]);
  return { shared, bob: await make([bob]) };
}

export type World = Awaited<ReturnType<typeof twoPartners>>;

/** Every route of the partner OpenAPI document, as `METHOD /template` under /api/partner. */
export async function documentedRoutes(): Promise<string[]> {
  const doc = (await (await call("/api/partner/openapi.json")).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

/** An admin endpoint of Bob's, made by the operator (the partner sees those too). */
export const adminEndpointFor = (partnerId: string, host: string) =>
  api("POST", "/endpoints", {
    url: `https://${host}/admin`,
    method: "GET",
    events: ["conversion.registered"],
    partner_id: partnerId,
  });
