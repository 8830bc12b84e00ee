import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { POSTBACK_FIELD_NAMES, parsePostback } from "../../src/domain/postback-fields";
import { parsePostbackWithZod } from "../support/postback-fields-zod";

// Values near every rule's edges: the words each field takes (in any case, padded), lengths at
// and past each limit, lists at and past their counts, amounts in and out of form, and every JSON
// type, so each branch of each rule is reached often.
const words = [
  "",
  " ",
  "eur",
  " EUR ",
  "jpy",
  "KWD",
  "XYZ",
  "online",
  " Online",
  "BANKWIRE",
  "other",
  "approved",
  " Refused ",
  "PENDING",
  "1",
  "0",
  "true",
  " TRUE ",
  "false",
  "yes",
  "12.5",
  "49.90",
  "1,5",
  "0.001",
  "-3",
  "1e3",
  "abc",
  "sale",
  "😀",
];
const sized = (n: number) =>
  fc.constantFrom("a".repeat(n), "😀".repeat(n), `${" ".repeat(2)}${"b".repeat(n)}`);
const lengths = fc.constantFrom(31, 32, 33, 63, 64, 65, 254, 255, 256).chain(sized);
const separated = fc
  .tuple(
    fc.array(fc.oneof(fc.constantFrom(...words), lengths), { maxLength: 23 }),
    fc.constantFrom(";", "-", " - ", "; "),
  )
  .map(([items, separator]) => items.join(separator));
const text = fc.oneof(
  fc.constantFrom(...words),
  lengths,
  separated,
  fc.string(),
  fc.string({ unit: "grapheme" }),
);
const number = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    0,
    -0,
    1.5,
    2 ** 53,
    2 ** 53 - 1,
    -(2 ** 53),
    1e21,
    Number.NaN,
    Number.POSITIVE_INFINITY,
  ),
);
const scalar = fc.oneof(text, number, fc.boolean(), fc.constant(null));
const value = fc.oneof(
  { weight: 6, arbitrary: scalar },
  {
    weight: 2,
    arbitrary: fc.array(fc.oneof({ weight: 5, arbitrary: text }, number, fc.constant(null)), {
      maxLength: 22,
    }),
  },
  { weight: 1, arbitrary: fc.dictionary(fc.string(), scalar, { maxKeys: 2 }) },
);
const raw = fc.record(
  Object.fromEntries([...POSTBACK_FIELD_NAMES, "key", "extra"].map((name) => [name, value])),
  { requiredKeys: [] },
);
/** Mostly well-formed postbacks, so that success paths (and single failures) are reached too. */
const sometimes = (arbitrary: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, arbitrary);
const nearlyValid = fc
  .record({
    id: fc.oneof(fc.constantFrom("order-1", ""), fc.integer()),
    amount: sometimes(
      fc.oneof(fc.constantFrom("", "10", "12.345", "9.999", "1,5"), fc.double({ noNaN: true })),
    ),
    currency: fc.constantFrom("EUR", "jpy", " kwd ", "CLF", "eu"),
    ...Object.fromEntries(
      ["payment", "customer", "cv", "voucher", "cids", "goal", "status", "test"].map((name) => [
        name,
        sometimes(fc.oneof(fc.constantFrom(...words), value)),
      ]),
    ),
  })
  .map((fields) => Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));

/** Fields compared with their order: the answer lists them in this order. */
const comparable = (parsed: ReturnType<typeof parsePostback>) =>
  parsed.ok ? parsed : { ok: false, fields: Object.entries(parsed.fields) };

describe("the postback's field rules, without zod", () => {
  it("give what the zod schema gave, value for value and reason for reason", () => {
    fc.assert(
      fc.property(fc.oneof(raw, nearlyValid), (fields) => {
        expect(comparable(parsePostback(fields))).toEqual(comparable(parsePostbackWithZod(fields)));
      }),
      { numRuns: 20_000 },
    );
  });

  it("reach both outcomes and every field's failure (the comparison above means something)", () => {
    const failing = new Set<string>();
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(raw, nearlyValid), (fields) => {
        const parsed = parsePostbackWithZod(fields);
        if (parsed.ok) accepted++;
        else for (const name of Object.keys(parsed.fields)) failing.add(name);
      }),
      { numRuns: 5_000 },
    );
    expect(accepted).toBeGreaterThan(50);
    expect([...failing].sort()).toEqual([...POSTBACK_FIELD_NAMES].sort());
  });

  it("keep the spec's reasons", () => {
    expect(parsePostback({ amount: "1,5", currency: "EUR", cids: "x", status: "maybe" })).toEqual({
      ok: false,
      fields: {
        id: "is required",
        status: "must be approved, refused, pending or empty",
        amount: expect.any(String),
      },
    });
    expect(parsePostback({ id: 2 ** 53, currency: null })).toEqual({
      ok: false,
      fields: {
        id: "must be a string (or a whole number below 2^53)",
        currency: "has the wrong type",
      },
    });
  });
});
