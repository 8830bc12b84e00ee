// Copies the dashboard's one library (uPlot, from node_modules) next to the dashboard's static
// assets, so the page loads nothing from a CDN. Runs before start, dev, build and deploy.
import { copyFileSync, mkdirSync } from "node:fs";

const target = "public/dashboard/vendor";
mkdirSync(target, { recursive: true });
for (const file of ["uPlot.iife.min.js", "uPlot.min.css"]) {
  copyFileSync(`node_modules/uplot/dist/${file}`, `${target}/${file}`);
}
