import type { Attribution } from "./attribution";
import type { ConversionStatus } from "./conversion-status";
import type { Click } from "./entities";
import { utcDay } from "./entities";
import type { Goal } from "./goals";
import { idSeconds, parseId } from "./ids";
import { commissionFor } from "./money";
import type { PostbackInput } from "./postback-fields";
import { dimValuesOf, type ReportKeys } from "./report-dims";

export type { ConversionStatus };

export interface Conversion {
  id: string;
  programId: string;
  goal: string;
  /** The goal's flag when registered: a repeatable goal may convert one click many times. */
  repeatable: boolean;
  orderId: string;
  clickId: string | null;
  /** The attributed click's link (reports by link read it here: the click may be in a shard). */
  linkId: string | null;
  partnerId: string;
  attribution: Attribution["type"];
  amount: number;
  currency: string;
  commission: number;
  commissionCurrency: string;
  status: ConversionStatus;
  initialStatus: ConversionStatus;
  refuseReason: string | null;
  payment: string | null;
  customer: string | null;
  cv: string | null;
  vouchers: string[];
  createdAt: number;
  updatedAt: number;
  /** Where reports count it: its click's day, link and values (domain/report-dims.ts). */
  reportKeys?: ReportKeys | null;
}

export interface ConversionTerms {
  programId: string;
  goal: Goal;
  autoApprove: boolean;
  minSecondsToConvert: number | null;
}

/** The reason a conversion faster than the program's minimum is refused with. */
export const TOO_FAST = "too_fast";

/**
 * The conversion a postback asks for: commission is fixed now, from its goal's rule. It starts as
 * the advertiser said (`status`), else approved or pending as the program does; a click
 * conversion faster than the program's minimum after its click starts refused, `too_fast`.
 */
export function newConversion(
  id: string,
  terms: ConversionTerms,
  input: PostbackInput,
  attribution: Attribution,
  now: number,
  click: ReportedClick | null = null,
): Conversion {
  const clickAt = click?.createdAt ?? null;
  const commission = commissionFor(terms.goal.commission, input.amount, input.currency);
  const tooFast =
    terms.minSecondsToConvert !== null &&
    attribution.type === "click" &&
    clickAt !== null &&
    now - clickAt < terms.minSecondsToConvert * 1000;
  const status = tooFast
    ? "refused"
    : (input.status ?? (terms.autoApprove ? "approved" : "pending"));
  return {
    id,
    programId: terms.programId,
    goal: terms.goal.name,
    repeatable: terms.goal.repeatable,
    orderId: input.orderId,
    clickId: attribution.clickId,
    linkId: attribution.type === "click" ? (click?.linkId ?? null) : null,
    partnerId: attribution.partnerId,
    attribution: attribution.type,
    amount: input.amount,
    currency: input.currency,
    commission: commission.minor,
    commissionCurrency: commission.currency,
    status,
    initialStatus: status,
    refuseReason: tooFast ? TOO_FAST : null,
    payment: input.payment,
    customer: input.customer,
    cv: input.cv,
    vouchers: input.vouchers,
    createdAt: now,
    updatedAt: now,
    reportKeys: reportKeysOf(click, attribution, now),
  };
}

/** What a conversion needs of its click: when, which link, and its values for reports. */
export type ReportedClick = { createdAt: number; linkId: string } & Partial<
  Pick<Click, "subIds" | "country" | "device" | "refererHost">
>;

/**
 * Its click's day, link and values; a conversion attributed to a click it was not given (a
 * renewal through its customer's binding) counts on its click's day, from the aecid's time, with
 * the link it keeps and no values; one without a click on its own day.
 */
function reportKeysOf(
  click: ReportedClick | null,
  attribution: Attribution,
  now: number,
): ReportKeys {
  if (click?.subIds) {
    const dims = dimValuesOf({
      subIds: click.subIds,
      country: click.country ?? null,
      device: click.device ?? null,
      refererHost: click.refererHost ?? null,
    });
    return { day: utcDay(click.createdAt), link: click.linkId, dims };
  }
  if (click) return { day: utcDay(click.createdAt), link: click.linkId, dims: null };
  const at = attribution.clickId ? idSeconds(attribution.clickId) * 1000 : now;
  return { day: utcDay(at), link: null, dims: null };
}

/**
 * What an answer about a conversion needs, and all a click's Durable Object keeps of it: no
 * customer id, custom variable, payment or vouchers.
 */
export type ConversionSummary = Pick<
  Conversion,
  | "id"
  | "programId"
  | "goal"
  | "orderId"
  | "clickId"
  | "partnerId"
  | "attribution"
  | "amount"
  | "currency"
  | "commission"
  | "commissionCurrency"
  | "initialStatus"
>;

export function summary(c: ConversionSummary): ConversionSummary {
  return {
    id: c.id,
    programId: c.programId,
    goal: c.goal,
    orderId: c.orderId,
    clickId: c.clickId,
    partnerId: c.partnerId,
    attribution: c.attribution,
    amount: c.amount,
    currency: c.currency,
    commission: c.commission,
    commissionCurrency: c.commissionCurrency,
    initialStatus: c.initialStatus,
  };
}

/** The `201 registered` body; a replay answers the same body with `duplicate` and `replay`. */
export function registeredBody(conversion: ConversionSummary) {
  return {
    status: "registered" as const,
    conversion_id: conversion.id,
    id: conversion.orderId,
    goal: conversion.goal,
    click_id: conversion.clickId,
    partner_id: conversion.partnerId,
    attribution: conversion.attribution,
    amount: conversion.amount,
    currency: conversion.currency,
    commission: conversion.commission,
    commission_currency: conversion.commissionCurrency,
    conversion_status: conversion.initialStatus,
  };
}

export function replayBody(conversion: ConversionSummary) {
  return { ...registeredBody(conversion), status: "duplicate" as const, replay: true as const };
}

/** Two conversions credit the same partner the same way (for the same click, if any). */
export function sameCredit(a: ConversionSummary, b: ConversionSummary): boolean {
  return a.attribution === b.attribution && a.partnerId === b.partnerId && a.clickId === b.clickId;
}

/**
 * Whether a postback carrying a registered order id is a retry of that conversion. It is judged on
 * what was stored, not by attributing again, so a retry stays a replay after the window shrank, a
 * voucher was reassigned or a customer got bound: the click that was credited is among the click
 * IDs, the voucher among the codes, or the customer the same.
 */
export function isRetryOf(existing: Conversion, input: PostbackInput): boolean {
  switch (existing.attribution) {
    case "click":
      return input.cids.some((cid) => parseId(cid) === existing.clickId);
    case "voucher":
      return input.vouchers.some((code) => existing.vouchers.includes(code));
    case "revenue_share":
      return input.customer !== null && input.customer === existing.customer;
  }
}
