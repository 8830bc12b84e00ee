// Payouts, pure (no DOM), shared by the dashboard and the partner portal (copied to its shared/):
// the API's paths and bodies from form values, and a partner's payout details as one line of text.
// The API only ever answers masked details; nothing here sees a clear IBAN or e-mail after saving.
import { filterQuery } from "../ui/paging.js";

/** The export formats, as `GET /api/payouts/:id/export?format=` names them, with their labels. */
export const FORMATS = [
  ["paypal", "PayPal"],
  ["wise", "Wise"],
  ["sepa", "SEPA"],
];

export const STATUS_OPTIONS = [
  ["", "All"],
  ["draft", "Draft"],
  ["exported", "Exported"],
  ["paid", "Paid"],
  ["cancelled", "Cancelled"],
];

/** Payouts that may still be exported, marked paid or cancelled. */
export const isOpen = (payout) => payout.status === "draft" || payout.status === "exported";

export const exportPath = (id, format) =>
  `/payouts/${encodeURIComponent(id)}/export?format=${encodeURIComponent(format)}`;

export const statementPath = (id, partnerId) =>
  `/payouts/${encodeURIComponent(id)}/statements/${encodeURIComponent(partnerId)}`;

/** The portal's own statement (the partner API, under /api/partner). */
export const ownStatementUrl = (id) => `/api/partner/payouts/${encodeURIComponent(id)}/statement`;

/** `GET /balances` with the filters that have a value; `minimum` is minor units or null. */
export const balancesPath = (currency, minimum) =>
  `/balances${query({ currency, minimum: currency ? minimum : null })}`;

export const payoutsPath = (status, currency) => `/payouts${query({ status, currency })}`;

function query(filters) {
  const text = filterQuery(filters);
  return text ? `?${text}` : "";
}

/** `POST /payouts`' body: no `partner_ids` when none is chosen (then every partner is eligible). */
export function payoutBody(currency, minimum, partnerIds) {
  const body = { currency, minimum };
  if (partnerIds.length) body.partner_ids = partnerIds;
  return body;
}

/** `PUT /payout-details`' body from the form: only the chosen method's fields, trimmed. */
export function detailsBody(values) {
  const text = (name) => String(values[name] ?? "").trim();
  if (values.method === "paypal") return { method: "paypal", email: text("email") };
  return {
    method: "iban",
    iban: text("iban"),
    bic: text("bic"),
    account_holder: text("account_holder"),
  };
}

/** Masked payout details (`{method, masked}`) as one line: "IBAN DE89 •••• 3000, BIC …, Jane Doe". */
export function detailsText(details) {
  const masked = details?.masked ?? {};
  if (details?.method === "paypal") return `PayPal ${masked.email ?? ""}`.trim();
  if (details?.method === "iban")
    return [`IBAN ${masked.iban ?? ""}`, masked.bic && `BIC ${masked.bic}`, masked.account_holder]
      .filter(Boolean)
      .join(", ");
  return "None given";
}
