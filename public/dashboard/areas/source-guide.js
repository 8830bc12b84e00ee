// What to do in each platform with a source's URL: one line each, the events or topics the
// Worker acts on (src/sources/), so the merchant subscribes to those and nothing it ignores.
import { html } from "../ui/preact.js";

export const STRIPE_EVENTS = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "payment_intent.succeeded",
  "invoice.paid",
  "charge.refunded",
  "charge.dispute.created",
];

export const SHOPIFY_TOPICS = ["orders/paid", "refunds/create", "orders/cancelled"];

const list = (names) => names.map((n, i) => html`${i ? ", " : ""}<code>${n}</code>`);

/** One line of guidance for a source's platform. */
export function SourceGuide({ type }) {
  if (type === "shopify")
    return html`<p class="hint" data-guide="shopify">In Shopify: Settings → Notifications → Webhooks, create one webhook (JSON) per topic with this URL: ${list(SHOPIFY_TOPICS)}.</p>`;
  return html`<p class="hint" data-guide="stripe">In Stripe: Developers → Webhooks → Add endpoint with this URL, and select ${list(STRIPE_EVENTS)}. Stripe shows the endpoint's signing secret (<code>whsec_…</code>) once it is added: set it here with Rotate secret if the one you typed was a placeholder.</p>`;
}
