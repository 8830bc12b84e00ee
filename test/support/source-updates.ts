// What the source-update tests (Stripe's and Shopify's refunds, disputes, cancellations, and the
// updates kept before their sale) read back: the conversion, its history, its deliveries, and
// an outbound endpoint that receives every change of the program's conversions.
import { env } from "cloudflare:workers";
import { api, type Json, setupClick, waitForCount } from "./helpers";
import { receiverHost } from "./receiver-client";
import { checkoutSession, createStripeSource } from "./stripe";

/** A GET endpoint on a loopback receiver for the program's registered, updated, refused events. */
export async function watchConversions(programId: string): Promise<void> {
  const endpoint = await api("POST", "/endpoints", {
    url: `https://${receiverHost()}/postback?id={conversion_id}&status={status}`,
    method: "GET",
    events: ["conversion.registered", "conversion.updated", "conversion.refused"],
    program_id: programId,
  });
  if (endpoint.status !== 201) throw new Error(JSON.stringify(endpoint.body));
}

export const conversionRow = (id: string) =>
  env.DB.prepare("SELECT * FROM conversions WHERE id = ?1").bind(id).first<Json>();

export const historyRows = async (id: string) =>
  (
    await env.DB.prepare(
      "SELECT field, old_value, new_value, source FROM conversion_history WHERE conversion_id = ?1 ORDER BY id",
    )
      .bind(id)
      .all<Json>()
  ).results;

/** Waits until the conversion has one delivery of the event, and answers how many it has. */
export const deliveriesOf = (id: string, event: string) =>
  waitForCount(
    "SELECT count(*) AS n FROM deliveries WHERE conversion_id = ?1 AND event = ?2",
    [id, event],
    1,
  );

/** A program with a Stripe source watched by an endpoint, and a paid Checkout Session not sent yet. */
export async function stripeSaleToCome() {
  const { program, aecid } = await setupClick();
  const source = await createStripeSource(program.id);
  await watchConversions(program.id);
  const session = checkoutSession({ client_reference_id: aecid, amount_total: 5000 });
  return { program, source, session, pi: session.payment_intent as string };
}
