// The dashboard's areas, in nav order: hash, label, component. "#/programs/<id>" is a program's
// own page, "#/payouts/<id>" a payout's. Payouts loads on first use (ui/lazy.js), outside the
// first screen's budget.

import { lazy } from "../ui/lazy.js";
import { ApplicationsArea } from "./applications.js";
import { AuditArea } from "./audit.js";
import { ConversionsArea } from "./conversions.js";
import { CurrenciesArea } from "./currencies.js";
import { DeadLettersArea } from "./dead-letters.js";
import { EndpointsArea } from "./endpoints.js";
import { LinksArea } from "./links.js";
import { OverviewArea } from "./overview.js";
import { PartnersArea } from "./partners.js";
import { PostbacksArea } from "./postbacks.js";
import { ProgramPage } from "./program-page.js";
import { ProgramsArea } from "./programs.js";
import { ReportsArea } from "./reports.js";
import { SourcesArea } from "./sources.js";
import { VouchersArea } from "./vouchers.js";

const PayoutsArea = lazy(() => import("./payouts.js"), "PayoutsArea");

export const AREAS = [
  ["overview", "Overview", OverviewArea],
  ["reports", "Reports", ReportsArea],
  ["programs", "Programs", ProgramsArea],
  ["partners", "Partners", PartnersArea],
  ["applications", "Applications", ApplicationsArea],
  ["links", "Links", LinksArea],
  ["vouchers", "Vouchers", VouchersArea],
  ["conversions", "Conversions", ConversionsArea],
  ["payouts", "Payouts", PayoutsArea],
  ["postbacks", "Postbacks", PostbacksArea],
  ["endpoints", "Endpoints", EndpointsArea],
  ["sources", "Sources", SourcesArea],
  ["dead-letters", "Dead letters", DeadLettersArea],
  ["currencies", "Currencies", CurrenciesArea],
  ["audit", "Audit", AuditArea],
];

/** The area a hash names ("#/programs/ab12" is Programs, with "ab12"): [hash, component, param]. */
export function areaOf(hash) {
  const [name, param] = hash.replace(/^#\/?/, "").split("/");
  if (name === "programs" && param) return ["programs", ProgramPage, decodeURIComponent(param)];
  const area = AREAS.find(([key]) => key === name) ?? AREAS[0];
  // A payout's page is the Payouts area's, with the payout's ID.
  const own = area[0] === "payouts" && param ? decodeURIComponent(param) : null;
  return [area[0], area[2], own];
}
