// `npm run dashboard:size`: the gzipped bytes of everything the dashboard's first screen loads:
// index.html, its stylesheets and scripts, and every module app.js imports, to the vendored
// libraries (each file gzipped on its own, as it is served). Fails over the budget (issue 24:
// under 100 KB). Run after `npm run vendor` (npm test's build step has run it).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { gzipSync } from "node:zlib";

const ROOT = "public/dashboard";
const BUDGET = 100 * 1024;

/** The files index.html names: stylesheets, classic scripts and module entries. */
function pageAssets(html: string): string[] {
  const found = [...html.matchAll(/<(?:link[^>]*href|script[^>]*src)="([^"]+)"/g)];
  return found.map((match) => match[1] as string).filter((path) => !/^[a-z]+:/.test(path));
}

/** A module's static imports and re-exports, resolved beside it (dynamic ones load later). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [
    ...text.matchAll(/(?:import|export)\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"']+)["']/g),
  ];
  return specifiers
    .map((match) => match[1] as string)
    .filter((path) => path.startsWith("."))
    .map((path) => join(dirname(file), path));
}

const html = join(ROOT, "index.html");
const files = new Set<string>([html]);
const queue = pageAssets(readFileSync(html, "utf8")).map((path) => join(ROOT, path));
while (queue.length) {
  const file = queue.shift() as string;
  if (files.has(file)) continue;
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run vendor first`);
  files.add(file);
  if (/\.m?js$/.test(file)) queue.push(...importsOf(file));
}

const sizes = [...files].map((file) => {
  const bytes = readFileSync(file);
  return {
    file: relative(ROOT, file),
    bytes: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
  };
});
sizes.sort((a, b) => b.gzip - a.gzip);
const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
const raw = sizes.reduce((sum, s) => sum + s.bytes, 0);
for (const s of sizes)
  console.log(`${String(s.gzip).padStart(7)} B gz  ${String(s.bytes).padStart(7)} B  ${s.file}`);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log(
  `first screen: ${sizes.length} files, ${kb(total)} gzipped (${kb(raw)} raw); budget ${kb(BUDGET)}`,
);
if (total >= BUDGET) {
  console.error(
    `The dashboard's first screen is ${kb(total)} gzipped: over the ${kb(BUDGET)} budget.`,
  );
  process.exit(1);
}
