// The operator dashboard: one program at a time, over a date range, all from the admin API.
import { all, api, token, Unauthorized } from "./api.js";
import { drawDaily, resizeChart } from "./chart.js";
import { bindConversions, renderConversions } from "./conversions.js";
import { renderEndpoints } from "./endpoints.js";
import { count, el, fillTable, moneyMap, percent, useExponents, when } from "./format.js";

const $ = (id) => document.getElementById(id);
const day = (ms) => new Date(ms).toISOString().slice(0, 10);

function showLogin(message = "") {
  $("app").hidden = true;
  $("controls").hidden = true;
  $("login").hidden = false;
  $("login-error").textContent = message;
  $("token").focus();
}

async function guarded(work) {
  try {
    $("status").textContent = "";
    await work();
  } catch (error) {
    if (error instanceof Unauthorized) {
      token.clear();
      showLogin(error.message);
    } else $("status").textContent = `Could not load: ${error.message}`;
  }
}

function copyButton(text) {
  return el(
    "button",
    { type: "button", class: "secondary", onclick: () => navigator.clipboard.writeText(text) },
    "Copy",
  );
}

/** The currency with the most revenue over the range, for the chart's money axis. */
function mainCurrency(days) {
  const totals = {};
  for (const row of days)
    for (const [c, v] of Object.entries(row.revenue)) totals[c] = (totals[c] ?? 0) + v;
  return Object.entries(totals).sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

function renderTotals(days) {
  const sum = (pick) => days.reduce((total, row) => total + pick(row), 0);
  const clicks = sum((r) => r.clicks);
  const conversions = sum((r) => r.conversions);
  const revenue = {};
  for (const row of days)
    for (const [c, v] of Object.entries(row.revenue)) revenue[c] = (revenue[c] ?? 0) + v;
  const card = (label, value) =>
    el(
      "div",
      { class: "card" },
      el("div", { class: "value" }, value),
      el("div", { class: "label" }, label),
    );
  $("totals").replaceChildren(
    card("clicks", count(clicks)),
    card("conversions", count(conversions)),
    card("conversion rate", percent(clicks ? conversions / clicks : 0)),
    card("revenue", moneyMap(revenue)),
    card("bot hits", count(sum((r) => r.bot_hits))),
  );
}

async function load() {
  const programId = $("program").value;
  if (!programId) return;
  const dates = { from: $("from").value, to: $("to").value };
  const range = `program_id=${programId}&from=${dates.from}&to=${dates.to}`;
  const [days, byPartner, partners, postbacks, links] = await Promise.all([
    api(`/stats?${range}&group_by=day`),
    api(`/stats?${range}&group_by=partner`),
    all("/partners"),
    api(`/postbacks?program_id=${programId}&limit=25`),
    all(`/links?program_id=${programId}`),
  ]);
  const names = new Map(partners.map((p) => [p.id, p.name]));
  renderTotals(days.data);
  drawDaily($("chart"), days.data, mainCurrency(days.data));
  fillTable(
    $("partners"),
    [
      ["Partner", (r) => names.get(r.partner_id) ?? r.partner_id],
      ["Clicks", (r) => count(r.clicks), true],
      ["Bot hits", (r) => count(r.bot_hits), true],
      ["Impressions", (r) => count(r.impressions), true],
      ["Conversions", (r) => count(r.conversions), true],
      ["Rate", (r) => percent(r.conversion_rate), true],
      ["Revenue", (r) => moneyMap(r.revenue), true],
      ["Commission", (r) => moneyMap(r.commission), true],
    ],
    byPartner.data,
    "No traffic in this range.",
  );
  fillTable(
    $("postbacks"),
    [
      ["Received", (p) => when(p.received_at)],
      ["Status", (p) => p.http_status, true],
      [
        "Outcome",
        (p) => el("span", { class: p.http_status < 300 ? "outcome-ok" : "outcome-bad" }, p.outcome),
      ],
      ["Order", (p) => p.fields.id ?? "—"],
      ["Amount", (p) => (p.fields.amount ? `${p.fields.amount} ${p.fields.currency ?? ""}` : "—")],
      ["Click IDs", (p) => p.fields.cids ?? "—"],
    ],
    postbacks.data,
    "No postback received yet.",
  );
  fillTable(
    $("links"),
    [
      ["Partner", (l) => names.get(l.partner_id) ?? l.partner_id],
      ["Link", (l) => el("code", { class: "url" }, l.url)],
      ["", (l) => copyButton(l.url)],
      ["Status", (l) => (l.disabled ? "disabled" : "active")],
    ],
    links,
    "No link yet.",
  );
  await Promise.all([
    renderConversions(programId, dates, { names, guard: guarded, reload: load }),
    renderEndpoints(programId, { guard: guarded, reload: load }),
  ]);
  $("postback-url").textContent =
    `${location.origin}/?key={{KEY}}&id={{UNIQUE_ID}}&amount={{AMOUNT}}&currency={{CURRENCY}}&payment={{PAYMENT}}&customer={{CUSTOMER_ID}}&cv={{SUB_ID}}&voucher={{VOUCHER_CODE}}&cids={{ClickIDs}}`;
}

async function start() {
  $("login").hidden = true;
  const [programs, currencies] = await Promise.all([all("/programs"), api("/currencies")]);
  useExponents(currencies.data);
  $("program").replaceChildren(...programs.map((p) => el("option", { value: p.id }, p.name)));
  $("controls").hidden = false;
  $("app").hidden = false;
  if (!programs.length)
    $("status").textContent = "No program yet: create one with POST /api/programs.";
  await load();
}

$("to").value = day(Date.now());
$("from").value = day(Date.now() - 29 * 86_400_000);
$("login-form").addEventListener("submit", (event) => {
  event.preventDefault();
  token.set($("token").value.trim());
  $("token").value = "";
  guarded(start);
});
$("signout").addEventListener("click", () => {
  token.clear();
  showLogin();
});
for (const id of ["program", "from", "to"]) $(id).addEventListener("change", () => guarded(load));
bindConversions(guarded);
document.querySelector("[data-copy-from]").addEventListener("click", (event) => {
  navigator.clipboard.writeText($(event.currentTarget.dataset.copyFrom).textContent);
});
window.addEventListener("resize", () => resizeChart($("chart")));

if (token.get()) guarded(start);
else showLogin();
