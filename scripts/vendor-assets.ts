// Copies the dashboard's libraries (uPlot, Preact and its hooks, htm, from node_modules) next to
// the dashboard's static assets, so the page loads nothing from a CDN and needs no build step.
// Runs before start, dev, build and deploy.
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const target = "public/dashboard/vendor";
mkdirSync(target, { recursive: true });
for (const file of ["uPlot.iife.min.js", "uPlot.min.css"]) {
  copyFileSync(`node_modules/uplot/dist/${file}`, `${target}/${file}`);
}
// The hooks import Preact by its bare name, which a browser resolves only through an import map;
// the CSP forbids an inline one, so the copy imports its neighbour by a relative path instead.
const modules: [string, string][] = [
  ["node_modules/preact/dist/preact.mjs", "preact.mjs"],
  ["node_modules/preact/hooks/dist/hooks.mjs", "hooks.mjs"],
  ["node_modules/htm/dist/htm.mjs", "htm.mjs"],
];
for (const [source, name] of modules) {
  const text = readFileSync(source, "utf8")
    .replace(/from\s*"preact"/g, 'from"./preact.mjs"')
    // The source maps stay behind: a map comment would only send the browser after a 404.
    .replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, "\n");
  if (/from\s*"[^./]/.test(text)) throw new Error(`${source} still imports a bare module name`);
  writeFileSync(`${target}/${name}`, text);
}

// The partner portal (/partner/) reuses the dashboard's shared parts: its libraries, its ui/
// modules and stylesheets, and the few areas it shows too (reports, the deep-link builder, an
// endpoint's events, the payouts' paths and masked details). It gets its own copy under
// public/partner/shared/ (same tree, so their relative imports hold), never a URL under
// /dashboard/: an operator may put /dashboard/* behind Cloudflare Access, and partners must not
// need to pass it. The copy is not committed.
const shared = "public/partner/shared";
const DASHBOARD_PARTS = [
  "style.css",
  "phone.css",
  "ui",
  "vendor",
  "areas/deep-link.js",
  "areas/deep-link-url.js",
  "areas/endpoint-events.js",
  "areas/payout-values.js",
  "areas/report-chart.js",
  "areas/report-pickers.js",
  "areas/report-query.js",
  "areas/report-series.js",
  "areas/report-table.js",
  "areas/reports.js",
];
rmSync(shared, { recursive: true, force: true });
for (const part of DASHBOARD_PARTS)
  cpSync(`public/dashboard/${part}`, `${shared}/${part}`, { recursive: true });
