// The portal's pages, in nav order: hash, label, component.
import { AccountPage } from "./account.js";
import { ConversionsPage } from "./conversions.js";
import { EndpointsPage } from "./endpoints.js";
import { LinksPage } from "./links.js";
import { PayoutsPage } from "./payouts.js";
import { ProgramsPage } from "./programs.js";
import { ReportsPage } from "./reports.js";
import { TokensPage } from "./tokens.js";

export const PAGES = [
  ["programs", "Programs", ProgramsPage],
  ["links", "Links", LinksPage],
  ["reports", "Reports", ReportsPage],
  ["conversions", "Conversions", ConversionsPage],
  ["payouts", "Payouts", PayoutsPage],
  ["postbacks", "Postbacks", EndpointsPage],
  ["tokens", "API tokens", TokensPage],
  ["account", "Passkeys", AccountPage],
];

/** The page a hash names: [hash, component, param]. */
export function pageOf(hash) {
  const [name, param] = hash.replace(/^#\/?/, "").split("/");
  const page = PAGES.find(([key]) => key === name) ?? PAGES[0];
  return [page[0], page[2], param ? decodeURIComponent(param) : null];
}
