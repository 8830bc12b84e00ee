import { ISO_4217_MINOR_UNITS } from "./iso-4217";

/**
 * ISO 4217 amendments the `currency-codes` package (the base, `npm run currencies`) does not carry
 * yet. Each is dated and named; test/domain/iso-4217-amendments.test.ts fails as soon as the
 * package has one, so the entry is removed then and this table shrinks back to nothing.
 */
export interface Iso4217Amendment {
  code: string;
  minorUnits: number;
  /** The day ISO 4217 made the code active (YYYY-MM-DD). */
  activeSince: string;
  name: string;
}

export const ISO_4217_AMENDMENTS: readonly Iso4217Amendment[] = [
  // Replaces the Netherlands Antillean guilder (ANG) in Curaçao and Sint Maarten. ANG stays
  // accepted while the package lists it: a sale reported in it is never refused for our lag.
  { code: "XCG", minorUnits: 2, activeSince: "2025-03-31", name: "Caribbean guilder" },
];

/** The codes this Worker accepts: the package's list, with the amendments on top. */
export const CURRENCY_MINOR_UNITS: Readonly<Record<string, number>> = {
  ...ISO_4217_MINOR_UNITS,
  ...Object.fromEntries(ISO_4217_AMENDMENTS.map((a) => [a.code, a.minorUnits])),
};

/** The newest amendment's day, or null: what the list in use is as of, beside ISO's publication. */
export const ISO_4217_AMENDED: string | null =
  ISO_4217_AMENDMENTS.map((a) => a.activeSince)
    .sort()
    .at(-1) ?? null;
