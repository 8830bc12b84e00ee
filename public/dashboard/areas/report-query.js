// What a report asks GET /api/reports (pure, no DOM): its group keys, filters and order as one
// query string, the keys' and measures' names, and the one rule the pickers check before asking
// (at most one click dimension: the API answers 400 otherwise, and says so too).
import { filterQuery } from "../ui/paging.js";

export const CLICK_DIMENSIONS = [
  "sub1",
  "sub2",
  "sub3",
  "sub4",
  "sub5",
  "country",
  "device",
  "referrer",
];
export const GROUP_KEYS = ["day", "partner", "link", ...CLICK_DIMENSIONS, "goal"];
export const KEY_LABELS = {
  day: "Day",
  partner: "Partner",
  link: "Link",
  sub1: "Sub1",
  sub2: "Sub2",
  sub3: "Sub3",
  sub4: "Sub4",
  sub5: "Sub5",
  country: "Country",
  device: "Device",
  referrer: "Referrer",
  goal: "Goal",
};

/** Every measure a row gives, as the API names it (its `sort` values), with its heading. */
export const MEASURES = [
  ["clicks", "Clicks"],
  ["bot_hits", "Bot hits"],
  ["conversions", "Conversions"],
  ["approved", "Approved"],
  ["revenue", "Amount"],
  ["commission", "Commission"],
  ["conversion_rate", "Conversion rate"],
  ["epc", "EPC"],
];
/** Measures the API answers as {currency: minor units}. */
export const MONEY = new Set(["revenue", "commission", "epc"]);

/** The row's field for a group key (the API names partner and link by their IDs). */
export const fieldOf = (key) =>
  key === "partner" ? "partner_id" : key === "link" ? "link_id" : key;

export const groupKeys = ({ first, second }) =>
  second && second !== first ? [first, second] : [first];

/** Why these keys cannot be asked for, or null. */
export function crossedDimensions(keys) {
  const dims = keys.filter((k) => CLICK_DIMENSIONS.includes(k));
  return dims.length > 1
    ? `A report crosses at most one of sub1…sub5, country, device and referrer: ${dims.map((k) => KEY_LABELS[k]).join(" × ")} cannot be shown together. Pick day, partner, link or goal as the other key.`
    : null;
}

/** The filters and range, shared by the table, the chart and the CSV. */
export const filterPart = (ctx, filters) =>
  filterQuery({
    from: ctx.from,
    to: ctx.to,
    program_id: filters.program_id,
    partner_id: filters.partner_id,
    link_id: filters.link_id,
    goal: filters.goal,
  });

export const tableQuery = (filters, keys, order) =>
  `${filters}&${filterQuery({ group_by: keys.join(","), sort: order.sort, order: order.order })}`;

/** The chart's days: at most 366 (the API's range), so one page holds them all. */
export const dayQuery = (filters) => `${filters}&group_by=day&sort=clicks&limit=1000`;

/** A heading clicked: its measure, descending first; clicked again, the other way. */
export const nextOrder = (current, sort) =>
  current.sort === sort
    ? { sort, order: current.order === "desc" ? "asc" : "desc" }
    : { sort, order: "desc" };
