import type { ConversionStatus } from "./conversion-status";
import {
  amountFormProblem,
  currencyExponent,
  formatMinor,
  normaliseCurrency,
  parseAmount,
} from "./money";
import {
  amountTypeRule,
  cidsRule,
  currencyRule,
  goalRule,
  type Judged,
  limitedTextRule,
  orderIdRule,
  paymentRule,
  statusRule,
  testFlagRule,
  voucherRule,
} from "./postback-field-rules";

/** The postback's fields once each has passed its rule (SPEC "Postback"). */
export interface PostbackInput {
  orderId: string;
  /** Minor units; 0 when absent or empty (a lead). */
  amount: number;
  amountGiven: boolean;
  /** Said in the answer when the amount had more decimals than its currency and was rounded. */
  amountNote: string | null;
  currency: string;
  payment: "online" | "bankwire" | "other" | null;
  customer: string | null;
  cv: string | null;
  vouchers: string[];
  /** As sent, in order, duplicates removed; each is judged (and maybe rejected) by attribution. */
  cids: string[];
  /** Which of the program's goals; null: its default. Checked against the program later. */
  goal: string | null;
  /** The advertiser's verdict; on an order already registered, a status update. */
  status: ConversionStatus | null;
  /** A dry run: validated and attributed, nothing registered. */
  test: boolean;
}

export { MAX_CIDS, MAX_TEXT, MAX_VOUCHER_LENGTH, MAX_VOUCHERS } from "./postback-field-rules";

/** Each field's rule, in the order the answer's `error.fields` lists the failures. */
const RULES = {
  id: orderIdRule,
  amount: amountTypeRule,
  currency: currencyRule,
  payment: paymentRule,
  customer: limitedTextRule,
  cv: limitedTextRule,
  voucher: voucherRule,
  goal: goalRule,
  status: statusRule,
  test: testFlagRule,
  cids: cidsRule,
} as const;

type Judgements = { [K in keyof typeof RULES]: ReturnType<(typeof RULES)[K]> };
type Values = { [K in keyof Judgements]: Extract<Judgements[K], { value: unknown }>["value"] };

/** Every field's rule applied: the values, or each failing field's reason. */
function judgeFields(
  raw: Record<string, unknown>,
): { values: Values } | { fields: Record<string, string> } {
  const values: Record<string, unknown> = {};
  const fields: Record<string, string> = {};
  for (const [name, rule] of Object.entries(RULES) as [
    keyof Values,
    (v: unknown) => Judged<unknown>,
  ][]) {
    const judged = rule(raw[name]);
    if ("reason" in judged) fields[name] = judged.reason;
    else values[name] = judged.value;
  }
  return Object.keys(fields).length > 0 ? { fields } : { values: values as Values };
}

export type ParsedPostback =
  | { ok: true; input: PostbackInput }
  | { ok: false; fields: Record<string, string> };

/**
 * Every rule of the SPEC's field table, all failures at once. The amount depends on the currency
 * (its number of decimals), so it is judged apart from the other fields, whenever it can be.
 */
export function parsePostback(raw: Record<string, unknown>): ParsedPostback {
  const judged = judgeFields(raw);
  const fields = "fields" in judged ? judged.fields : {};
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
  if ("fields" in judged || fields.amount) return { ok: false, fields };
  const data = judged.values;
  return {
    ok: true,
    input: {
      orderId: data.id,
      amount,
      amountGiven: amountText !== "",
      amountNote,
      currency: data.currency,
      payment: data.payment,
      customer: data.customer,
      cv: data.cv,
      vouchers: [...new Set(data.voucher)],
      cids: [...new Set(data.cids)],
      goal: data.goal,
      status: data.status,
      test: isTestPostback(raw),
    },
  };
}

/** Whether a postback asks for a dry run, read from its raw fields (so a rejected one says so too). */
export function isTestPostback(raw: Record<string, unknown>): boolean {
  return ["1", "true"].includes(
    String(raw.test ?? "")
      .trim()
      .toLowerCase(),
  );
}

function roundingNote(sent: string, minor: number, currency: string, exponent: number): string {
  const unit = exponent === 1 ? "1 decimal" : `${exponent} decimals`;
  return `${sent} has more decimals than ${currency}'s minor unit (${unit}): rounded half-up to ${formatMinor(minor, exponent)}`;
}

/** The field names a postback may carry besides `key`; anything else is ignored. */
export const POSTBACK_FIELD_NAMES = [
  "id",
  "amount",
  "currency",
  "payment",
  "customer",
  "cv",
  "voucher",
  "cids",
  "goal",
  "status",
  "test",
] as const;
