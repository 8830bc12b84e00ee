// The dashboard's pure helpers (public/dashboard/ui/), shared with the partner portal later:
// where the API's field messages go, paging through cursors, and money in ISO 4217 decimals.
import { describe, expect, it } from "vitest";
import { describeError, messageFor, scoped, unplaced } from "../../public/dashboard/ui/fields.js";
import {
  commissionText,
  decimalText,
  fromMinor,
  money,
  moneyMap,
  toMinor,
  useExponents,
} from "../../public/dashboard/ui/format.js";
import {
  filterQuery,
  firstPage,
  hasNext,
  hasPrevious,
  nextPage,
  pagePath,
  previousPage,
  withNext,
} from "../../public/dashboard/ui/paging.js";

describe("field messages", () => {
  const fields = {
    name: "must not be empty",
    "commission.value": "must be at most 100",
    "goals.2.name": "must match the goal name pattern",
    "goals.2": "a goal named lead already exists",
    extra: "is not a known field",
  };

  it("puts a field's own message, or one below it, next to it", () => {
    expect(messageFor(fields, "name")).toBe("must not be empty");
    expect(messageFor(fields, "commission")).toBe("must be at most 100");
    expect(messageFor(fields, "commission.value")).toBe("must be at most 100");
    expect(messageFor(fields, "landing_url")).toBeNull();
    expect(messageFor(undefined, "name")).toBeNull();
  });

  it("renames a sub-form's messages without their prefix", () => {
    expect(scoped(fields, "goals.2")).toEqual({
      body: "a goal named lead already exists",
      name: "must match the goal name pattern",
    });
    expect(scoped(fields, "goals.3")).toEqual({});
  });

  it("keeps what no field shows for the top of the form", () => {
    expect(unplaced(fields, ["name", "commission", "goals"])).toEqual([
      "extra is not a known field",
    ]);
    expect(unplaced({ body: "is not valid JSON" }, ["name"])).toEqual(["is not valid JSON"]);
  });

  it("names the request of a failure", () => {
    expect(describeError({ message: "The request is invalid.", requestId: "abc123" })).toBe(
      "The request is invalid. (request ID abc123)",
    );
    expect(describeError(new Error("offline"))).toBe("offline");
  });
});

describe("paging", () => {
  it("goes forward with the API's cursors and back through those already seen", () => {
    let state = firstPage();
    expect(pagePath("/partners", state, 50)).toBe("/partners?limit=50");
    expect(hasNext(state) || hasPrevious(state)).toBe(false);
    state = withNext(state, "c1");
    expect(hasNext(state)).toBe(true);
    state = nextPage(state);
    expect(pagePath("/links?program_id=ab", state, 25)).toBe(
      "/links?program_id=ab&limit=25&cursor=c1",
    );
    state = nextPage(withNext(state, "c2"));
    expect(state.index).toBe(2);
    state = previousPage(state);
    expect(pagePath("/p", state, 10)).toBe("/p?limit=10&cursor=c1");
    state = previousPage(previousPage(state));
    expect(pagePath("/p", state, 10)).toBe("/p?limit=10");
    expect(hasPrevious(state)).toBe(false);
    // The last page names no next one: "Next" stays where it is.
    const last = withNext(state, null);
    expect(nextPage(last)).toBe(last);
  });

  it("leaves empty filters out of the query", () => {
    expect(filterQuery({ status: "", goal: null, program_id: "ab", from: "2026-01-01" })).toBe(
      "program_id=ab&from=2026-01-01",
    );
  });
});

describe("money", () => {
  useExponents([
    { code: "EUR", minor_units: 2 },
    { code: "JPY", minor_units: 0 },
    { code: "HUF", minor_units: 2 },
    { code: "KWD", minor_units: 3 },
  ]);

  it("formats minor units with the API's ISO 4217 decimals, exactly", () => {
    expect(decimalText(12345, 2)).toBe("123.45");
    expect(decimalText(-5, 2)).toBe("-0.05");
    expect(money(150050, "HUF")).toContain("1,500.50");
    expect(money(1500, "JPY")).toContain("1,500");
    expect(money(1500, "JPY")).not.toContain(".");
    expect(money(1, "KWD")).toContain("0.001");
    expect(moneyMap({})).toBe("—");
    expect(moneyMap({ EUR: 1200, JPY: 3 })).toMatch(/12\.00.* \+ .*3/);
  });

  it("reads typed amounts into minor units, refusing more decimals than the currency has", () => {
    expect(toMinor("2", "EUR")).toBe(200);
    expect(toMinor("2.5", "EUR")).toBe(250);
    expect(toMinor(" 19.99 ", "EUR")).toBe(1999);
    expect(toMinor("1500", "JPY")).toBe(1500);
    expect(toMinor("1.5", "JPY")).toBeNull();
    expect(toMinor("0.001", "EUR")).toBeNull();
    expect(toMinor("1,50", "EUR")).toBeNull();
    expect(toMinor("-1", "EUR")).toBeNull();
    expect(toMinor("99999999999999999999", "EUR")).toBeNull();
    expect(fromMinor(200, "EUR")).toBe("2.00");
    expect(fromMinor(7, "KWD")).toBe("0.007");
  });

  it("writes commission rules as operators read them", () => {
    expect(commissionText({ type: "percent", value: 10 })).toBe("10 %");
    expect(commissionText({ type: "fixed", value: 200, currency: "EUR" })).toContain("2.00");
  });
});
