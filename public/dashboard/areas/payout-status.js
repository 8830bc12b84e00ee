// A payout's status as a table cell: paid in green, cancelled in red, open ones plain.
import { html } from "../ui/preact.js";

const CLASSES = { paid: "outcome-ok", cancelled: "outcome-bad" };

export const statusCell = (p) =>
  html`<span class=${CLASSES[p.status] ?? null} data-status=${p.status}>${p.status}</span>`;
