// Outbound postbacks and webhooks: the program's endpoints (add, edit, enable or disable, send a
// test) and the delivery log, failures in red. Everything goes through the admin API.
import { all, api } from "./api.js";
import { el, fillTable, when } from "./format.js";

const EVENTS = [
  "conversion.registered",
  "conversion.approved",
  "conversion.refused",
  "conversion.updated",
];
const $ = (id) => document.getElementById(id);

function eventBoxes(chosen, prefix) {
  return el(
    "div",
    { class: "events" },
    EVENTS.map((event) =>
      el(
        "label",
        { class: "check" },
        el("input", {
          type: "checkbox",
          value: event,
          "data-event": prefix,
          ...(chosen.includes(event) ? { checked: "" } : {}),
        }),
        event.replace("conversion.", ""),
      ),
    ),
  );
}

const checked = (prefix) =>
  [...document.querySelectorAll(`[data-event="${prefix}"]:checked`)].map((box) => box.value);

/** The add form: URL, method, events; scoped to the selected program. */
function addForm(programId, ctx) {
  const url = el("input", {
    type: "url",
    id: "endpoint-url",
    placeholder: "https://partner.example/postback?clickid={sub1}&payout={commission}",
    required: "",
  });
  const method = el(
    "select",
    { id: "endpoint-method" },
    el("option", { value: "GET" }, "GET (partner postback)"),
    el("option", { value: "POST" }, "POST (signed webhook)"),
  );
  const form = el(
    "form",
    { class: "endpoint-form", id: "endpoint-add" },
    el("label", {}, "URL", url),
    el("label", {}, "Method", method),
    eventBoxes(["conversion.registered"], "new"),
    el("button", { type: "submit" }, "Add endpoint"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    ctx.guard(async () => {
      const body = {
        url: url.value.trim(),
        method: method.value,
        events: checked("new"),
        program_id: programId,
      };
      const created = await api("/endpoints", { method: "POST", body: JSON.stringify(body) });
      $("endpoint-notice").textContent = created.secret
        ? `Signing secret, shown this once: ${created.secret}`
        : "Endpoint added.";
      url.value = "";
      await ctx.reload();
    });
  });
  return form;
}

function actions(endpoint, ctx) {
  const box = el("div", { class: "actions" });
  const change = (patch) =>
    ctx.guard(async () => {
      await api(`/endpoints/${endpoint.id}`, { method: "PATCH", body: JSON.stringify(patch) });
      await ctx.reload();
    });
  const test = el(
    "button",
    { type: "button", class: "secondary", "data-test": endpoint.id },
    "Send test",
  );
  test.addEventListener("click", () =>
    ctx.guard(async () => {
      const result = await api(`/endpoints/${endpoint.id}/test`, { method: "POST" });
      test.textContent = result.ok
        ? `Sent: HTTP ${result.http_status}`
        : `Failed: ${result.http_status ? `HTTP ${result.http_status}` : result.error}`;
      test.className = result.ok ? "secondary outcome-ok" : "secondary outcome-bad";
      await drawLog();
    }),
  );
  const toggle = el(
    "button",
    {
      type: "button",
      class: "secondary",
      "data-toggle": endpoint.id,
      onclick: () => change({ enabled: !endpoint.enabled }),
    },
    endpoint.enabled ? "Disable" : "Enable",
  );
  const edit = el(
    "button",
    {
      type: "button",
      class: "secondary",
      "data-edit": endpoint.id,
      onclick: () => editRow(endpoint, box, change),
    },
    "Edit",
  );
  box.append(test, toggle, edit);
  return box;
}

function editRow(endpoint, box, change) {
  const url = el("input", { type: "url", value: endpoint.url, "data-edit-url": endpoint.id });
  const save = el(
    "button",
    {
      type: "button",
      "data-save": endpoint.id,
      onclick: () => change({ url: url.value.trim(), events: checked(endpoint.id) }),
    },
    "Save",
  );
  box.replaceChildren(url, eventBoxes(endpoint.events, endpoint.id), save);
}

const failed = (a) =>
  a.outcome === "failed" ||
  a.outcome === "retrying" ||
  (a.outcome === "test" && !(a.http_status >= 200 && a.http_status < 300));

/** The latest attempts of every endpoint, newest first, failures in red. */
async function drawLog() {
  const log = await api("/deliveries?limit=25");
  fillTable(
    $("deliveries"),
    [
      ["When", (a) => when(a.attempted_at)],
      ["Event", (a) => a.event],
      ["Attempt", (a) => a.attempt, true],
      [
        "Outcome",
        (a) => el("span", { class: failed(a) ? "outcome-bad" : "outcome-ok" }, a.outcome),
      ],
      ["Answer", (a) => (a.http_status ? `HTTP ${a.http_status}` : (a.error ?? "—"))],
      ["ms", (a) => a.duration_ms, true],
    ],
    log.data,
    "Nothing sent yet.",
  );
}

/** Draws the endpoints of `programId` (and those for every program), the add form and the log. */
export async function renderEndpoints(programId, ctx) {
  const endpoints = (await all("/endpoints")).filter(
    (e) => e.program_id === null || e.program_id === programId,
  );
  fillTable(
    $("endpoints"),
    [
      ["URL", (e) => el("code", { class: "url" }, e.url)],
      ["Method", (e) => e.method],
      ["Events", (e) => e.events.map((x) => x.replace("conversion.", "")).join(", ")],
      [
        "Status",
        (e) =>
          e.enabled
            ? "enabled"
            : el("span", { class: "outcome-bad" }, `disabled: ${e.disabled_reason ?? ""}`),
      ],
      ["", (e) => actions(e, ctx)],
    ],
    endpoints,
    "No endpoint yet: add a partner postback or a webhook below.",
  );
  // A reload keeps what the operator is typing; another program gets a fresh form.
  const holder = $("endpoint-form");
  if (holder.dataset.program !== programId) {
    holder.dataset.program = programId;
    holder.replaceChildren(addForm(programId, ctx));
  }
  await drawLog();
}
