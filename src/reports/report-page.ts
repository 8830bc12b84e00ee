/**
 * A report's order and pages (pure): rows sorted by a measure (money by its total over
 * currencies), ties broken by the keys so every page is stable, then `limit` rows after an offset
 * cursor; and the same rows as CSV cells.
 */
import type { CsvValue } from "../domain/csv";
import type { ReportRow } from "./report-rows";
import type { GroupKey } from "./report-sql";

export const SORTS = [
  "clicks",
  "bot_hits",
  "conversions",
  "approved",
  "revenue",
  "commission",
  "conversion_rate",
  "epc",
] as const;
export type Sort = (typeof SORTS)[number];

const total = (map: Record<string, number>) => Object.values(map).reduce((a, b) => a + b, 0);
const measure = (row: ReportRow, sort: Sort) => {
  const value = row[sort];
  return typeof value === "number" ? value : total(value);
};

export function sortRows(rows: ReportRow[], sort: Sort, order: "asc" | "desc"): ReportRow[] {
  const sign = order === "asc" ? 1 : -1;
  // Each row's measure and key computed once, not at each of the sort's n·log n comparisons
  // (a report by sub1 has tens of thousands of rows, most of them tied on their clicks).
  const decorated = rows.map((row) => ({
    row,
    m: measure(row, sort),
    k: JSON.stringify(row.keys),
  }));
  decorated.sort((a, b) => sign * (a.m - b.m) || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return decorated.map((d) => d.row);
}

export function pageOf(rows: ReportRow[], limit: number, offset: number) {
  const data = rows.slice(offset, offset + limit);
  const next = offset + limit < rows.length ? String(offset + limit) : null;
  return { data, next_cursor: next };
}

const KEY_NAMES: Partial<Record<GroupKey, string>> = { partner: "partner_id", link: "link_id" };
export const keyName = (key: GroupKey) => KEY_NAMES[key] ?? key;

/** A row as the API answers it: its keys by name, then its measures. */
export function rowJson(row: ReportRow, groupBy: GroupKey[]) {
  const { keys, folded, ...measures } = row;
  const named = Object.fromEntries(groupBy.map((k) => [keyName(k), keys[k] ?? null]));
  return { ...named, ...measures, ...(folded ? { folded: true } : {}) };
}

const money = (map: Record<string, number>) =>
  Object.entries(map)
    .sort()
    .map(([c, v]) => `${c} ${v}`)
    .join("; ");

/** The keys, then the measures in the order of SORTS (which `csvCells` follows), then `folded`. */
export const csvHeader = (groupBy: GroupKey[]) => [...groupBy.map(keyName), ...SORTS, "folded"];

export function csvCells(row: ReportRow, groupBy: GroupKey[]): CsvValue[] {
  return [
    ...groupBy.map((k) => row.keys[k] ?? null),
    ...SORTS.map((sort) => {
      const value = row[sort];
      return typeof value === "number" ? value : money(value);
    }),
    row.folded ? "true" : "false",
  ];
}
