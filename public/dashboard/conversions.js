// The selected program's conversions: those waiting for a decision, and the latest of every status
// over the range (goal, refusal reason, each one's history on demand), with the CSV export of all
// that match. The export is fetched with the token and saved from a Blob: no token in any URL.
import { api, csvFile } from "./api.js";
import { decisionButtons } from "./decisions.js";
import { el, fillTable, money, when } from "./format.js";

const $ = (id) => document.getElementById(id);
const LATEST = 50;
/** What is drawn: the program, the range, partner names, and the page's guard and reload. */
let view = null;
/** Draws of the latest conversions so far: an answer that a newer draw overtook is dropped. */
let draws = 0;

const partner = (c) => view.names.get(c.partner_id) ?? c.partner_id;
const amount = (c) => money(c.amount, c.currency);
const commission = (c) => money(c.commission, c.commission_currency);

function statusCell(c) {
  if (c.status === "approved") return el("span", { class: "outcome-ok" }, "approved");
  if (c.status !== "refused") return c.status;
  const text = c.refuse_reason ? `refused: ${c.refuse_reason}` : "refused";
  return el("span", { class: "outcome-bad reason", title: text }, text);
}

/** The filters of the latest conversions and of the export, as a query string. */
function query() {
  const filters = {
    program_id: view.programId,
    from: view.from,
    to: view.to,
    status: $("conversion-status").value,
    goal: $("conversion-goal").value,
  };
  return new URLSearchParams(Object.entries(filters).filter(([, value]) => value)).toString();
}

/** A changed value as the operator reads it: money in its currency, nothing as "—". */
function readable(change, conversion, value) {
  if (value === null) return "—";
  if (change.field === "amount") return money(Number(value), conversion.currency);
  if (change.field === "commission") return money(Number(value), conversion.commission_currency);
  return value;
}

/** Opens the conversion's history under its row (or closes it): every change, oldest first. */
async function toggleHistory(button, id) {
  const row = button.closest("tr");
  const open = row.nextElementSibling;
  if (open?.dataset.historyOf === id) {
    open.remove();
    button.setAttribute("aria-expanded", "false");
    return;
  }
  button.disabled = true;
  try {
    const conversion = await api(`/conversions/${id}`);
    const table = el("table", { class: "history" });
    fillTable(
      table,
      [
        ["Changed", (h) => when(h.changed_at)],
        ["By", (h) => h.source],
        ["Field", (h) => h.field.replace("_", " ")],
        ["Change", (h) => `${readable(h, conversion, h.old)} → ${readable(h, conversion, h.new)}`],
      ],
      conversion.history,
      "No change since registration.",
    );
    const cell = el("td", { colspan: row.cells.length }, table);
    row.after(el("tr", { class: "history-row", "data-history-of": id }, cell));
    button.setAttribute("aria-expanded", "true");
  } finally {
    button.disabled = false;
  }
}

function historyButton(c) {
  const id = c.conversion_id;
  const button = el(
    "button",
    { type: "button", class: "secondary", "data-history": id, "aria-expanded": "false" },
    "History",
  );
  button.addEventListener("click", () => view.guard(() => toggleHistory(button, id)));
  return button;
}

/** The columns both tables show, before their own. */
const conversionColumns = () => [
  ["Received", (c) => when(c.created_at)],
  ["Order", (c) => c.id],
  ["Goal", (c) => c.goal],
  ["Partner", partner],
  ["Amount", amount, true],
  ["Commission", commission, true],
];

async function drawPending(shown) {
  const pending = await api(`/conversions?program_id=${shown.programId}&status=pending&limit=50`);
  if (view !== shown) return;
  fillTable(
    $("pending"),
    [...conversionColumns(), ["", (c) => decisionButtons(c, view.guard, view.reload)]],
    pending.data,
    "Nothing waits for a decision.",
  );
}

async function drawLatest() {
  if (!view) return;
  const draw = ++draws;
  const page = await api(`/conversions?${query()}&limit=${LATEST}`);
  if (draw !== draws) return;
  fillTable(
    $("conversions"),
    [...conversionColumns(), ["Status", statusCell], ["", historyButton]],
    page.data,
    "No conversion in this range.",
  );
  $("conversions-note").textContent = page.next_cursor
    ? `The latest ${LATEST} are shown; the CSV holds every one.`
    : "";
}

/** The goals of the program, to filter by; "All goals" first. False: another program came. */
async function fillGoals(shown) {
  const program = await api(`/programs/${shown.programId}`);
  if (view !== shown) return false;
  const select = $("conversion-goal");
  select.replaceChildren(
    el("option", { value: "" }, "All goals"),
    ...(program.goals ?? []).map((goal) => el("option", { value: goal.name }, goal.name)),
  );
  select.dataset.program = shown.programId;
  return true;
}

const slug = (text) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** Every conversion the filters match, as CSV: fetched with the token, saved from a Blob URL. */
async function downloadCsv() {
  if (!view) return;
  const button = $("download-csv");
  button.disabled = true;
  try {
    const blob = await csvFile(`/conversions?${query()}&format=csv`);
    const program = $("program").selectedOptions[0]?.textContent ?? view.programId;
    const name = ["conversions", slug(program), view.from, view.to].filter(Boolean).join("_");
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, download: `${name}.csv`, hidden: "" });
    document.body.append(link);
    link.click();
    link.remove();
    // The download has its copy once started; the Blob is let go of a moment later.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } finally {
    button.disabled = false;
  }
}

/**
 * Draws the conversions of `programId` over `range` ({from, to}); `ctx` has `guard` (runs the
 * work and reports failures), `reload` (redraws the page) and `names` (partner names by id).
 */
export async function renderConversions(programId, range, ctx) {
  const shown = { programId, ...range, ...ctx };
  view = shown;
  // A redraw started before this one and answered after it draws nothing.
  if ($("conversion-goal").dataset.program !== programId && !(await fillGoals(shown))) return;
  await Promise.all([drawPending(shown), drawLatest()]);
}

/** The filters and the export button, wired once. */
export function bindConversions(guard) {
  for (const id of ["conversion-status", "conversion-goal"])
    $(id).addEventListener("change", () => guard(drawLatest));
  $("download-csv").addEventListener("click", () => guard(downloadCsv));
}
