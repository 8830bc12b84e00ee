import Stripe from "stripe";
import { api, call, type Json } from "./helpers";
import { rememberSecret } from "./log-capture";

/**
 * Stripe's own code signs the tests' events (`webhooks.generateTestHeaderStringAsync`: inside
 * workerd the package runs on SubtleCrypto, whose HMAC is asynchronous only), and its types shape
 * the payloads, so a made-up field fails the type check. No request ever reaches Stripe.
 */
export const stripe = new Stripe("sk_test_aecid_edge_tests_only");

export const STRIPE_SECRET = "whsec_tests_0123456789abcdefghijklmnop";
rememberSecret(STRIPE_SECRET);

export async function createStripeSource(programId: string, secret = STRIPE_SECRET) {
  rememberSecret(secret);
  const response = await api("POST", `/programs/${programId}/sources`, {
    type: "stripe",
    signing_secret: secret,
  });
  if (response.status !== 201) throw new Error(`source: ${JSON.stringify(response.body)}`);
  return response.body as Json & { id: string; url: string };
}

let sequence = 0;
const unique = (prefix: string) =>
  `${prefix}_${Date.now().toString(36)}${(sequence++).toString(36).padStart(4, "0")}`;

/** A paid Checkout Session, complete as Stripe sends it (API version 2025), with overrides. */
export function checkoutSession(
  overrides: Partial<Stripe.Checkout.Session> = {},
): Stripe.Checkout.Session {
  return {
    id: unique("cs_test"),
    object: "checkout.session",
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: null,
    allowed_payment_method_types: null,
    amount_subtotal: 4999,
    amount_total: 4999,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: null,
    client_reference_id: null,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: Math.floor(Date.now() / 1000),
    currency: "eur",
    currency_conversion: null,
    custom_fields: [],
    custom_text: {
      after_submit: null,
      shipping_address: null,
      submit: null,
      terms_of_service_acceptance: null,
    },
    customer: unique("cus"),
    customer_account: null,
    customer_creation: "always",
    customer_details: null,
    customer_email: null,
    discounts: [],
    expires_at: Math.floor(Date.now() / 1000) + 86_400,
    integration_identifier: null,
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: null,
    managed_payments: null,
    metadata: {},
    mode: "payment",
    origin_context: null,
    payment_intent: unique("pi"),
    payment_link: null,
    payment_method_collection: null,
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: ["card"],
    payment_status: "paid",
    permissions: null,
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: "complete",
    submit_type: null,
    subscription: null,
    success_url: "https://shop.example/thanks",
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "hosted",
    url: null,
    wallet_options: null,
    ...overrides,
  };
}

/** A succeeded PaymentIntent, complete as Stripe sends it, with overrides. */
export function paymentIntent(overrides: Partial<Stripe.PaymentIntent> = {}): Stripe.PaymentIntent {
  return {
    id: unique("pi"),
    object: "payment_intent",
    allowed_payment_method_types: null,
    amount: 2500,
    amount_capturable: 0,
    amount_received: 2500,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: "automatic",
    client_secret: null,
    confirmation_method: "automatic",
    created: Math.floor(Date.now() / 1000),
    currency: "eur",
    customer: unique("cus"),
    customer_account: null,
    description: null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: unique("ch"),
    livemode: false,
    managed_payments: null,
    metadata: {},
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: ["card"],
    payment_record: null,
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: "succeeded",
    transfer_group: null,
    ...overrides,
  };
}

type EventOf<T extends Stripe.Event["type"]> = Extract<Stripe.Event, { type: T }>;

/** The event envelope Stripe wraps an object in. */
export function stripeEvent<T extends Stripe.Event["type"]>(
  type: T,
  object: EventOf<T>["data"]["object"],
): EventOf<T> {
  return {
    id: unique("evt"),
    object: "event",
    api_version: "2025-11-17.clover",
    created: Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  } as EventOf<T>;
}

/** Posts an event to a source's URL, signed by Stripe's package (or with `header` as given). */
export async function sendStripe(
  sourceId: string,
  event: Stripe.Event | string,
  options: { secret?: string; timestamp?: number; header?: string } = {},
) {
  const payload = typeof event === "string" ? event : JSON.stringify(event);
  const header =
    options.header ??
    (await stripe.webhooks.generateTestHeaderStringAsync({
      payload,
      secret: options.secret ?? STRIPE_SECRET,
      timestamp: options.timestamp,
    }));
  const response = await call(`/sources/${sourceId}`, {
    method: "POST",
    headers: { "Content-Type": "application/json; charset=utf-8", "Stripe-Signature": header },
    body: payload,
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as Json };
}

/** A charge of a payment intent, complete as Stripe sends it, with overrides. */
export function charge(overrides: Partial<Stripe.Charge> = {}): Stripe.Charge {
  return {
    id: unique("ch"),
    object: "charge",
    amount: 4999,
    amount_captured: 4999,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: { address: null, email: null, name: null, phone: null, tax_id: null },
    calculated_statement_descriptor: null,
    captured: true,
    created: Math.floor(Date.now() / 1000),
    currency: "eur",
    customer: null,
    description: null,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: null,
    livemode: false,
    metadata: {},
    on_behalf_of: null,
    outcome: null,
    paid: true,
    payment_intent: null,
    payment_method: null,
    payment_method_details: null,
    receipt_email: null,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: "succeeded",
    transfer_data: null,
    transfer_group: null,
    ...overrides,
  };
}

const NO_EVIDENCE = {
  access_activity_log: null,
  appeal: null,
  billing_address: null,
  cancellation_policy: null,
  cancellation_policy_disclosure: null,
  cancellation_rebuttal: null,
  customer_communication: null,
  customer_email_address: null,
  customer_name: null,
  customer_purchase_ip: null,
  customer_signature: null,
  duplicate_charge_documentation: null,
  duplicate_charge_explanation: null,
  duplicate_charge_id: null,
  enhanced_evidence: {},
  product_description: null,
  receipt: null,
  refund_policy: null,
  refund_policy_disclosure: null,
  refund_refusal_explanation: null,
  service_date: null,
  service_documentation: null,
  shipping_address: null,
  shipping_carrier: null,
  shipping_date: null,
  shipping_documentation: null,
  shipping_tracking_number: null,
  uncategorized_file: null,
  uncategorized_text: null,
} satisfies Stripe.Dispute.Evidence;

/** A dispute just opened on a charge, complete as Stripe sends it, with overrides. */
export function dispute(overrides: Partial<Stripe.Dispute> = {}): Stripe.Dispute {
  return {
    id: unique("dp"),
    object: "dispute",
    amount: 4999,
    balance_transactions: [],
    charge: unique("ch"),
    created: Math.floor(Date.now() / 1000),
    currency: "eur",
    enhanced_eligibility_types: [],
    evidence: NO_EVIDENCE,
    evidence_details: {
      due_by: null,
      enhanced_eligibility: {},
      has_evidence: false,
      past_due: false,
      submission_count: 0,
      submission_method: "not_submitted",
    },
    intended_submission_method: null,
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: null,
    reason: "fraudulent",
    status: "needs_response",
    ...overrides,
  };
}
