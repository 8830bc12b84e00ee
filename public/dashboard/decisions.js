// The decision on a pending conversion: approve it, or refuse it with a typed reason.
import { api } from "./api.js";
import { el } from "./format.js";

async function decide(conversionId, decision, reason) {
  const body = reason ? JSON.stringify({ reason }) : undefined;
  await api(`/conversions/${conversionId}/${decision}`, { method: "POST", body });
}

/**
 * Approve, or refuse with a reason the operator types (kept in the conversion's record). `guard`
 * runs the work and reports failures; `reload` redraws the page after a decision.
 */
export function decisionButtons(conversion, guard, reload) {
  const id = conversion.conversion_id;
  const decideThen = (decision, reason) =>
    guard(async () => {
      await decide(id, decision, reason);
      await reload();
    });
  const box = el("div", { class: "actions" });
  const choose = () =>
    box.replaceChildren(
      el(
        "button",
        { type: "button", "data-approve": id, onclick: () => decideThen("approve") },
        "Approve",
      ),
      el(
        "button",
        { type: "button", class: "danger", "data-refuse": id, onclick: askReason },
        "Refuse",
      ),
    );
  function askReason() {
    const reason = el("input", {
      type: "text",
      maxlength: "500",
      placeholder: "Reason (optional)",
      "aria-label": "Reason for refusing",
      "data-reason": id,
    });
    const confirm = () => decideThen("refuse", reason.value.trim());
    reason.addEventListener("keydown", (event) => {
      if (event.key === "Enter") confirm();
    });
    box.replaceChildren(
      reason,
      el(
        "button",
        { type: "button", class: "danger", "data-confirm-refuse": id, onclick: confirm },
        "Refuse",
      ),
      el("button", { type: "button", class: "secondary", onclick: choose }, "Cancel"),
    );
    reason.focus();
  }
  choose();
  return box;
}
