// The columns every conversions table shows first.
import { money, when } from "../ui/format.js";

export const conversionColumns = (names) => [
  ["Received", (c) => when(c.created_at)],
  ["Order", (c) => c.id],
  ["Goal", (c) => c.goal],
  ["Partner", (c) => names.get(c.partner_id) ?? c.partner_id],
  ["Amount", (c) => money(c.amount, c.currency), true],
  ["Commission", (c) => money(c.commission, c.commission_currency), true],
];
