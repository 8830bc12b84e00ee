// The postback's field rules as zod expressed them before src/domain/postback-fields.ts replaced
// them by plain functions (zod was 795 KB of what a fresh isolate evaluated before its first
// postback). Kept verbatim as the reference the property test compares the plain rules with.
import { z } from "zod";
import type { ConversionStatus } from "../../src/domain/conversion-status";
import { fieldsOf } from "../../src/domain/field-errors";
import {
  amountFormProblem,
  currencyExponent,
  formatMinor,
  normaliseCurrency,
  parseAmount,
} from "../../src/domain/money";
import {
  isTestPostback,
  MAX_CIDS,
  MAX_TEXT,
  MAX_VOUCHER_LENGTH,
  MAX_VOUCHERS,
  type ParsedPostback,
  type PostbackInput,
} from "../../src/domain/postback-fields";
import { charLength } from "../../src/domain/text";

// A JSON body may carry numbers (amount: 12.5) or lists (cids: [...]); query strings and forms
// carry strings. Everything is read as text, the way the Affilae-style GET sends it.
const text = z.union([z.string(), z.number()]).transform(String);
const list = (separator: string) =>
  z
    .union([text, z.array(text)])
    .transform((value) => (Array.isArray(value) ? value : value.split(separator)));
const emptyToNull = (value: string | undefined) =>
  value === undefined || value === "" ? null : value;
const limited = text.refine(
  (value) => charLength(value) <= MAX_TEXT,
  `must be at most ${MAX_TEXT} characters`,
);

const PostbackFields = z.object({
  // A JSON number past 2^53 has already lost digits: two orders could collide.
  id: z
    .union([
      z.string(),
      z.number().refine(Number.isSafeInteger, "must be a string (or a whole number below 2^53)"),
    ])
    .transform(String)
    .refine((value) => value.length > 0, "is required")
    .refine((value) => charLength(value) <= MAX_TEXT, `must be at most ${MAX_TEXT} characters`),
  amount: text.optional().transform((value) => value?.trim() ?? ""),
  currency: text.transform((value, ctx) => {
    const code = normaliseCurrency(value);
    if (!code) ctx.addIssue({ code: "custom", message: "is not an ISO 4217 currency code" });
    return code ?? z.NEVER;
  }),
  payment: text
    .optional()
    .transform((value) => emptyToNull(value?.toLowerCase()))
    .refine((value) => value === null || ["online", "bankwire", "other"].includes(value), {
      message: "must be online, bankwire, other or empty",
    }),
  customer: limited.optional().transform(emptyToNull),
  cv: limited.optional().transform(emptyToNull),
  voucher: list(";")
    .optional()
    .transform((codes) => (codes ?? []).map((code) => code.trim()).filter((code) => code !== ""))
    .refine((codes) => codes.length <= MAX_VOUCHERS, `must hold at most ${MAX_VOUCHERS} codes`)
    .refine(
      (codes) => codes.every((code) => charLength(code) <= MAX_VOUCHER_LENGTH),
      `codes must be at most ${MAX_VOUCHER_LENGTH} characters`,
    ),
  goal: text
    .optional()
    .transform((value) => emptyToNull(value?.trim()))
    .refine((value) => value === null || charLength(value) <= 32, "must be at most 32 characters"),
  status: text
    .optional()
    .transform((value) => emptyToNull(value?.trim().toLowerCase()))
    .refine((value) => value === null || ["approved", "refused", "pending"].includes(value), {
      message: "must be approved, refused, pending or empty",
    }),
  test: z
    .union([text, z.boolean()])
    .optional()
    .transform((value) =>
      String(value ?? "")
        .trim()
        .toLowerCase(),
    )
    .refine((value) => ["", "0", "1", "true", "false"].includes(value), {
      message: "must be 1, true, 0 or false",
    }),
  cids: list("-")
    .optional()
    .transform((ids) => (ids ?? []).map((id) => id.trim()).filter((id) => id !== ""))
    .refine((ids) => ids.length <= MAX_CIDS, `must hold at most ${MAX_CIDS} click IDs`),
});

/**
 * Every rule of the SPEC's field table, all failures at once. The amount depends on the currency
 * (its number of decimals), so it is judged apart from the other fields, whenever it can be.
 */
export function parsePostbackWithZod(raw: Record<string, unknown>): ParsedPostback {
  const result = PostbackFields.safeParse(raw);
  const fields = result.success ? {} : fieldsOf(result.error);
  const amountText =
    typeof raw.amount === "string" || typeof raw.amount === "number"
      ? String(raw.amount).trim()
      : "";
  const currency = normaliseCurrency(typeof raw.currency === "string" ? raw.currency : "");
  let amount = 0;
  let amountNote: string | null = null;
  if (amountText !== "" && currency) {
    const exponent = currencyExponent(currency);
    const parsed = parseAmount(amountText, exponent);
    if (!parsed.ok) fields.amount = parsed.reason;
    else {
      amount = parsed.minor;
      if (parsed.rounded) amountNote = roundingNote(amountText, amount, currency, exponent);
    }
  } else if (amountText !== "") {
    // Without a known currency only the amount's form can be judged, not its decimals.
    const problem = amountFormProblem(amountText);
    if (problem) fields.amount = problem;
  }
  if (!result.success || fields.amount) return { ok: false, fields };
  const data = result.data;
  return {
    ok: true,
    input: {
      orderId: data.id,
      amount,
      amountGiven: amountText !== "",
      amountNote,
      currency: data.currency,
      payment: data.payment as PostbackInput["payment"],
      customer: data.customer,
      cv: data.cv,
      vouchers: [...new Set(data.voucher)],
      cids: [...new Set(data.cids)],
      goal: data.goal,
      status: data.status as ConversionStatus | null,
      test: isTestPostback(raw),
    },
  };
}

function roundingNote(sent: string, minor: number, currency: string, exponent: number): string {
  const unit = exponent === 1 ? "1 decimal" : `${exponent} decimals`;
  return `${sent} has more decimals than ${currency}'s minor unit (${unit}): rounded half-up to ${formatMinor(minor, exponent)}`;
}
