// The events an endpoint can be sent, as checkboxes.
import { html } from "../ui/preact.js";

export const EVENTS = [
  "conversion.registered",
  "conversion.approved",
  "conversion.refused",
  "conversion.updated",
  // A partner's share of a payout marked paid: POST endpoints bound to no program only (the API
  // answers 400 on events otherwise, shown by the form).
  "payout.paid",
];

export function EventBoxes({ chosen, onChange, group }) {
  const flip = (event) =>
    onChange(chosen.includes(event) ? chosen.filter((e) => e !== event) : [...chosen, event]);
  return html`<div class="events" role="group" aria-label="Events">
    ${EVENTS.map(
      (event) => html`<label class="check">
        <input type="checkbox" value=${event} data-event=${group} checked=${chosen.includes(event)} onChange=${() => flip(event)} />
        ${event.startsWith("conversion.") ? event.replace("conversion.", "") : event}
      </label>`,
    )}
  </div>`;
}
