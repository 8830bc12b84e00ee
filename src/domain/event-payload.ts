/**
 * What an endpoint receives about a conversion event: a POST endpoint the JSON event
 * `{type, timestamp, data}` (Standard Webhooks' shape), a GET endpoint its URL's macros filled.
 * Partner-safe: no customer ID, no custom variable (`cv`), no IP hash or user agent.
 */
import type { Conversion } from "./conversion";
import type { Click } from "./entities";
import type { MacroValues } from "./macros";
import { currencyExponent, formatMinor } from "./money";
import type { ConversionEvent } from "./outbound";

const decimal = (minor: number, currency: string) => formatMinor(minor, currencyExponent(currency));

export function eventData(conversion: Conversion, click: Click | null) {
  const [sub1, sub2, sub3, sub4, sub5] = click?.subIds ?? [null, null, null, null, null];
  return {
    conversion_id: conversion.id,
    program_id: conversion.programId,
    partner_id: conversion.partnerId,
    id: conversion.orderId,
    goal: conversion.goal,
    status: conversion.status,
    attribution: conversion.attribution,
    amount: conversion.amount,
    currency: conversion.currency,
    commission: conversion.commission,
    commission_currency: conversion.commissionCurrency,
    vouchers: conversion.vouchers,
    click_id: conversion.clickId,
    link_id: click?.linkId ?? null,
    sub1,
    sub2,
    sub3,
    sub4,
    sub5,
    created_at: new Date(conversion.createdAt).toISOString(),
  };
}

/** The JSON body of a POST delivery. */
export function eventBody(event: ConversionEvent, conversion: Conversion, click: Click | null) {
  return JSON.stringify({
    type: event.type,
    timestamp: new Date(event.at).toISOString(),
    data: eventData(conversion, click),
  });
}

/** The values of a GET endpoint's macros. */
export function macroValues(
  event: ConversionEvent,
  conversion: Conversion,
  click: Click | null,
): MacroValues {
  const [sub1, sub2, sub3, sub4, sub5] = click?.subIds ?? [null, null, null, null, null];
  return {
    aecid: conversion.clickId,
    sub1,
    sub2,
    sub3,
    sub4,
    sub5,
    conversion_id: conversion.id,
    goal: conversion.goal,
    status: conversion.status,
    event: event.type,
    amount: decimal(conversion.amount, conversion.currency),
    commission: decimal(conversion.commission, conversion.commissionCurrency),
    currency: conversion.currency,
    commission_currency: conversion.commissionCurrency,
    program_id: conversion.programId,
    partner_id: conversion.partnerId,
    link_id: click?.linkId ?? null,
    timestamp: String(Math.floor(event.at / 1000)),
  };
}
