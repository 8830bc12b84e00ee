// A partner's payout details as the operator sees them (GET /api/partners/:id/payout-details):
// masked, never the clear IBAN or e-mail. Asked for on demand, one partner at a time.
import { api } from "../ui/api.js";
import { html, useState } from "../ui/preact.js";
import { ErrorNote } from "../ui/table.js";
import { detailsText } from "./payout-values.js";

export function PartnerPayoutDetails({ partnerId }) {
  const [details, setDetails] = useState(null);
  const [error, setError] = useState(null);
  const show = () =>
    api(`/partners/${encodeURIComponent(partnerId)}/payout-details`).then(setDetails, setError);
  if (details)
    return html`<span class="payout-details" data-payout-details=${partnerId}>${detailsText(details)}</span>`;
  return html`<span>
    <button type="button" class="secondary" data-show-details=${partnerId} onClick=${show}>Payout details</button>
    <${ErrorNote} error=${error} />
  </span>`;
}
