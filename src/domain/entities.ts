/**
 * The records the tracker keeps, as the rest of the code sees them (camelCase, times in Unix ms).
 * Storage maps its rows to these; routes map these to the API's JSON.
 */
import type { Goal } from "./goals";
import type { CommissionRule } from "./money";

export interface Program {
  id: string;
  name: string;
  landingUrl: string;
  allowedDomains: string[];
  attributionWindowDays: number;
  attributionModel: "last_click" | "first_click";
  revenueShare: boolean;
  commission: CommissionRule;
  autoApprove: boolean;
  firstPartyCookieDomain: string | null;
  /** Whether `/join/<program>` takes applications from would-be partners (issue 27). */
  applicationsOpen?: boolean;
  /** Whether its partners see a conversion's order amount and customer ID in the portal. */
  partnersSeeAmounts?: boolean;
  postbacksPerMinute: number;
  /** Null: one `sale` goal paying `commission` (see goalsOf). */
  goals: Goal[] | null;
  /** The goal of a postback without `goal=`, by name (null, or not among the goals: the first). */
  defaultGoal: string | null;
  /** Pending conversions older than this many days are approved by the hourly job. */
  holdDays: number | null;
  /** A click conversion faster than this after its click is registered refused, `too_fast`. */
  minSecondsToConvert: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface Partner {
  id: string;
  name: string;
  email: string | null;
  createdAt: number;
  /** Set when the operator disabled the partner: no portal sign-in, session or token works. */
  disabledAt?: number | null;
}

export interface Link {
  id: string;
  programId: string;
  partnerId: string;
  /** Null: the program's landing URL. */
  destination: string | null;
  disabled: boolean;
  createdAt: number;
}

export interface Voucher {
  programId: string;
  code: string;
  partnerId: string;
  createdAt: number;
}

export type SubIds = [string | null, string | null, string | null, string | null, string | null];

export interface Click {
  /** The aecid. */
  id: string;
  linkId: string;
  programId: string;
  partnerId: string;
  createdAt: number;
  subIds: SubIds;
  country: string | null;
  /** 16 bytes (hex) of the HMAC of the IP with the day's salt; never the IP. */
  ipHash: string | null;
  /** What fraud checks group by: `Chrome 131 / Windows / desktop` (see domain/device.ts). */
  device: string | null;
  /** 16 bytes (hex) of SHA-256 of the whole user agent: "the very same browser", not the string. */
  uaHash: string | null;
  refererHost: string | null;
  /** Clicks stored before migration 0008 kept the whole user agent. */
  legacyUserAgent?: string | null;
}

/**
 * A click as the redirect makes it, with the user agent it came with: its IP and user agent are
 * reduced to hashes and a label later, before it leaves the isolate.
 */
export type UnsavedClick = Omit<Click, "ipHash" | "device" | "uaHash" | "legacyUserAgent"> & {
  userAgent: string | null;
};

/** One postback as received, without its key, and what was answered. */
export interface PostbackLogEntry {
  programId: string;
  id: string;
  receivedAt: number;
  httpStatus: number;
  outcome: string;
  conversionId: string | null;
  fields: Record<string, string>;
  /** A `test=1` postback: nothing was registered. */
  test?: boolean;
}

/** Counters kept per link and UTC day. */
export type LinkCounter = "clicks" | "bot_hits" | "impressions";

/** The UTC day of a time, `YYYY-MM-DD`. */
// Every click of a batch, and most of an isolate's, fall on the same day: its text is kept.
const DAY_MS = 86_400_000;
let day = { start: 0, end: 0, text: "" };

export function utcDay(ms: number): string {
  if (ms >= day.start && ms < day.end) return day.text;
  const start = Math.floor(ms / DAY_MS) * DAY_MS;
  day = { start, end: start + DAY_MS, text: new Date(start).toISOString().slice(0, 10) };
  return day.text;
}
