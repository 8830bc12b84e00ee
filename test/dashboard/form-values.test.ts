// The dashboard's forms to the API's bodies, pure (public/dashboard/areas/program-values.js and
// deep-link-url.js): commissions typed in the currency's decimals, the settings' PATCH of what
// changed only, and the deep-link builder.
import { describe, expect, it } from "vitest";
import { allowedPage, deepLink } from "../../public/dashboard/areas/deep-link-url.js";
import {
  domainList,
  patchOf,
  ruleOf,
  ruleValues,
  valuesOf,
} from "../../public/dashboard/areas/program-values.js";
import { useExponents } from "../../public/dashboard/ui/format.js";

useExponents([
  { code: "EUR", minor_units: 2 },
  { code: "JPY", minor_units: 0 },
]);

const program = {
  name: "Shop",
  landing_url: "https://shop.example.com/",
  allowed_domains: ["shop.example.com"],
  attribution_window_days: 30,
  attribution_model: "last_click",
  revenue_share: false,
  auto_approve: false,
  hold_days: null,
  min_seconds_to_convert: null,
  first_party_cookie_domain: null,
  postbacks_per_minute: 3000,
  applications_open: false,
  partners_see_amounts: true,
  commission: { type: "fixed", value: 250, currency: "EUR" },
};

describe("commission rules in forms", () => {
  it("sends a fixed amount in minor units and a percentage as a number", () => {
    const fixed = { commission_type: "fixed", commission_value: "2.5", commission_currency: "eur" };
    expect(ruleOf(fixed)).toEqual({ type: "fixed", value: 250, currency: "EUR" });
    const yen = { ...fixed, commission_value: "300", commission_currency: "JPY" };
    expect(ruleOf(yen)).toEqual({ type: "fixed", value: 300, currency: "JPY" });
    const percent = { commission_type: "percent", commission_value: "12.5" };
    expect(ruleOf(percent)).toEqual({ type: "percent", value: 12.5 });
  });

  it("sends what is no amount as typed, for the API's own message next to the field", () => {
    const typo = { commission_type: "percent", commission_value: "ten" };
    expect(ruleOf(typo)).toEqual({ type: "percent", value: "ten" });
    const decimals = {
      commission_type: "fixed",
      commission_value: "1.5",
      commission_currency: "JPY",
    };
    expect(ruleOf(decimals).value).toBe("1.5");
  });

  it("shows a stored rule in the currency's decimals, and reads it back unchanged", () => {
    expect(ruleValues(program.commission)).toEqual({
      commission_type: "fixed",
      commission_value: "2.50",
      commission_currency: "EUR",
    });
    expect(ruleOf(ruleValues(program.commission))).toEqual(program.commission);
  });
});

describe("the settings form's PATCH", () => {
  it("is empty when nothing changed", () => {
    expect(patchOf(program, valuesOf(program))).toEqual({});
  });

  it("carries only the changed fields, in the API's types (empty numbers are null)", () => {
    const values = {
      ...valuesOf(program),
      hold_days: "30",
      min_seconds_to_convert: "",
      allowed_domains: "shop.example.com, blog.example.com",
      auto_approve: true,
    };
    expect(patchOf(program, values)).toEqual({
      hold_days: 30,
      allowed_domains: ["shop.example.com", "blog.example.com"],
      auto_approve: true,
    });
    const off = patchOf({ ...program, hold_days: 14 }, { ...valuesOf(program), hold_days: " " });
    expect(off).toEqual({ hold_days: null });
  });

  it("sends the partner portal's switches when they change", () => {
    const values = { ...valuesOf(program), applications_open: true, partners_see_amounts: false };
    expect(patchOf(program, values)).toEqual({
      applications_open: true,
      partners_see_amounts: false,
    });
    expect(valuesOf(program)).toMatchObject({
      applications_open: false,
      partners_see_amounts: true,
    });
  });

  it("sends a number that is not whole as typed, for the API to name", () => {
    expect(patchOf(program, { ...valuesOf(program), postbacks_per_minute: "1.5" })).toEqual({
      postbacks_per_minute: "1.5",
    });
  });

  it("reads allowed domains separated by commas or spaces", () => {
    expect(domainList(" a.example, b.example  c.example,")).toEqual([
      "a.example",
      "b.example",
      "c.example",
    ]);
  });
});

describe("the deep-link builder", () => {
  const base = "https://track.example/c/Ab12Cd34";

  it("adds the page and the sub-IDs that have a value", () => {
    const url = new URL(deepLink(base, " https://shop.example.com/p?x=1 ", ["a", "", " c "]));
    expect(url.pathname).toBe("/c/Ab12Cd34");
    expect(url.searchParams.get("url")).toBe("https://shop.example.com/p?x=1");
    expect(url.searchParams.get("sub1")).toBe("a");
    expect(url.searchParams.has("sub2")).toBe(false);
    expect(url.searchParams.get("sub3")).toBe("c");
    expect(deepLink(base, "", ["", ""])).toBe(base);
  });

  it("flags a page the click would ignore: off the allowed domains, or not http(s)", () => {
    const domains = ["shop.example.com"];
    expect(allowedPage("https://shop.example.com/a", domains)).toBe(true);
    expect(allowedPage("https://eu.shop.example.com/a", domains)).toBe(true);
    expect(allowedPage("https://evilshop.example.com/", domains)).toBe(false);
    expect(allowedPage("javascript:alert(1)", domains)).toBe(false);
    expect(allowedPage("not a url", domains)).toBe(false);
  });
});
