// Reports: the dashboard's Reports area itself (shared/areas/reports.js), over this partner's
// own traffic: its calls go to /api/partner/reports, which answers nothing of anyone else.
import { ReportsArea } from "../shared/areas/reports.js";
import { html } from "../shared/ui/preact.js";

export function ReportsPage({ ctx }) {
  return html`<div id="reports-page"><${ReportsArea} ctx=${ctx} /></div>`;
}
