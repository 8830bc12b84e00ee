// Records for the storage modules' own tests (test/storage/): domain objects with every field set,
// written through the module under test or its neighbours, never through HTTP.
import { env } from "cloudflare:workers";
import type { Conversion } from "../../src/domain/conversion";
import type { Link, Partner, Program } from "../../src/domain/entities";
import { newId, newLinkId } from "../../src/domain/ids";
import type { Delivery, DeliveryAttempt, Endpoint } from "../../src/domain/outbound";
import { insertConversionStatement } from "../../src/storage/conversions";
import { insertLink } from "../../src/storage/links";
import { insertPartner } from "../../src/storage/partners";
import { insertProgram } from "../../src/storage/programs";

/**
 * A time that no other test's rows reach (years ahead, a fresh millisecond each call), so a
 * newest-first list shows the rows a test just wrote first, whatever other tests left behind.
 */
let future = Date.UTC(2090, 0, 1);
export const futureMs = (): number => (future += 1_000);

export function aProgram(overrides: Partial<Program> = {}): Program {
  const at = overrides.createdAt ?? Date.now();
  return {
    id: newId(at),
    name: "Shop",
    landingUrl: "https://shop.example/landing",
    allowedDomains: ["shop.example", "www.shop.example"],
    attributionWindowDays: 30,
    attributionModel: "last_click",
    revenueShare: false,
    commission: { type: "percent", value: 12.5 },
    autoApprove: false,
    firstPartyCookieDomain: null,
    postbacksPerMinute: 600,
    goals: null,
    defaultGoal: null,
    holdDays: null,
    minSecondsToConvert: null,
    applicationsOpen: false,
    partnersSeeAmounts: false,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export function aPartner(overrides: Partial<Partner> = {}): Partner {
  const at = overrides.createdAt ?? Date.now();
  return {
    id: newId(at),
    name: "Alice",
    email: null,
    createdAt: at,
    disabledAt: null,
    ...overrides,
  };
}

/** A stored program, partner and link between them (the tables links and vouchers point to). */
export async function seedLink(
  db: D1Database = env.DB,
  overrides: { program?: Partial<Program>; link?: Partial<Link> } = {},
) {
  const program = aProgram(overrides.program);
  const partner = aPartner();
  await insertProgram(db, program, "key-hash");
  await insertPartner(db, partner);
  const link: Link = {
    id: newLinkId(),
    programId: program.id,
    partnerId: partner.id,
    destination: null,
    disabled: false,
    createdAt: Date.now(),
    ...overrides.link,
  };
  await insertLink(db, link);
  return { program, partner, link };
}

/** A click conversion of 100.00 EUR, 10.00 EUR commission, pending. */
export function aConversion(overrides: Partial<Conversion> = {}): Conversion {
  const at = overrides.createdAt ?? Date.now();
  return {
    id: newId(at),
    programId: newId(at),
    goal: "sale",
    repeatable: false,
    orderId: `order-${newLinkId()}`,
    clickId: newId(at - 60_000),
    linkId: "LinkOfClick1",
    partnerId: newId(at),
    attribution: "click",
    amount: 10_000,
    currency: "EUR",
    commission: 1_000,
    commissionCurrency: "EUR",
    status: "pending",
    initialStatus: "pending",
    refuseReason: null,
    payment: "card",
    customer: "customer-1",
    cv: "cv-1",
    vouchers: ["SUMMER", "VIP"],
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

/** Inserts conversions and answers them (throws if one was not inserted). */
export async function seedConversions(db: D1Database, ...conversions: Conversion[]) {
  const results = await db.batch(conversions.map((c) => insertConversionStatement(db, c)));
  if (results.some((r) => r.meta.changes !== 1)) throw new Error("a conversion was not inserted");
  return conversions;
}

export function anEndpoint(overrides: Partial<Endpoint> = {}): Endpoint {
  const at = overrides.createdAt ?? Date.now();
  return {
    id: newId(at),
    url: "https://partner.example/postback?aecid={aecid}",
    method: "GET",
    events: ["conversion.registered", "conversion.approved"],
    partnerId: null,
    programId: null,
    enabled: true,
    disabledReason: null,
    secretGeneration: 1,
    failedStreak: 0,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export function aDelivery(overrides: Partial<Delivery> = {}): Delivery {
  const at = overrides.createdAt ?? Date.now();
  return {
    eventId: newId(at),
    endpointId: newId(at),
    id: `msg_${newLinkId()}`,
    event: "conversion.registered",
    conversionId: newId(at),
    request: "https://partner.example/postback?aecid=x",
    state: "pending",
    attempts: 0,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export function anAttempt(d: Delivery, overrides: Partial<DeliveryAttempt> = {}): DeliveryAttempt {
  const at = overrides.attemptedAt ?? Date.now();
  return {
    endpointId: d.endpointId,
    id: `${at.toString(16).padStart(12, "0")}${newLinkId(12)}`,
    deliveryId: d.id,
    event: d.event,
    conversionId: d.conversionId,
    attempt: d.attempts + 1,
    attemptedAt: at,
    httpStatus: 200,
    error: null,
    durationMs: 42,
    response: "ok",
    outcome: "delivered",
    ...overrides,
  };
}
