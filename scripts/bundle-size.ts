// What the Worker ships and what a fresh isolate evaluates before its first redirect.
//
//   npm run bundle:size                  the figures, as text
//   npm run bundle:size -- --json        the same figures as one JSON object (for the bench)
//   npm run bundle:size -- --check       also exit 1 if the static graph from src/index.ts reaches
//                                        the admin API or zod-openapi (the lazy boundary broke)
//
// Bundled with wrangler's own esbuild settings (esm, browser platform, workerd conditions, no
// minification, keep_names off as in wrangler.toml). esbuild does not split code: a dynamic
// `import()` stays in the same file, wrapped in a lazy initializer that runs on first use. So the
// "statically reached" bundle, built again with every dynamic import left external, is what an
// isolate evaluates before it answers its first `GET /c/<link>`.
import { gzipSync } from "node:zlib";
import { type BuildOptions, build, type Metafile, type Plugin } from "esbuild";

const ENTRY = "src/index.ts";
/** What the redirect and postback paths must never load: the admin API and its OpenAPI machinery. */
const ADMIN_ONLY = [/^src\/routes\/admin\//, /node_modules\/@hono\/zod-openapi\//];
const TOP_INPUTS = 15;

const WRANGLER_LIKE: BuildOptions = {
  entryPoints: [ENTRY],
  bundle: true,
  write: false,
  format: "esm",
  platform: "browser",
  target: "es2024",
  conditions: ["workerd", "worker", "browser"],
  external: ["cloudflare:*", "node:*"],
  define: { "process.env.NODE_ENV": '"production"' },
  keepNames: false,
  metafile: true,
  outfile: "index.js",
  logLevel: "silent",
};

/** Leaves every `import()` out of the bundle: what remains is reached by static imports alone. */
const dynamicImportsExternal: Plugin = {
  name: "dynamic-imports-external",
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) =>
      args.kind === "dynamic-import" ? { path: args.path, external: true } : undefined,
    );
  },
};

interface Sized {
  bytes: number;
  gzipBytes: number;
  inputs: { path: string; bytes: number }[];
}

async function bundle(plugins: Plugin[]): Promise<Sized> {
  const result = await build({ ...WRANGLER_LIKE, plugins });
  const code = result.outputFiles?.[0]?.contents ?? new Uint8Array();
  return {
    bytes: code.length,
    gzipBytes: gzipSync(code).length,
    inputs: inputsOf(result.metafile),
  };
}

function inputsOf(metafile: Metafile | undefined): Sized["inputs"] {
  const output = Object.values(metafile?.outputs ?? {})[0];
  return Object.entries(output?.inputs ?? {})
    .map(([path, { bytesInOutput }]) => ({
      path: path.replace(/^.*node_modules\//, "node_modules/"),
      bytes: bytesInOutput,
    }))
    .sort((a, b) => b.bytes - a.bytes);
}

/** Sums an input list by package (node_modules/<pkg>) or by src/ folder. */
function byGroup(inputs: Sized["inputs"]): { group: string; bytes: number }[] {
  const sums = new Map<string, number>();
  for (const { path, bytes } of inputs) {
    const match =
      /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path) ?? /^(src\/(?:[^/]+\/)?)/.exec(path);
    const group = match?.[1] ?? path;
    sums.set(group, (sums.get(group) ?? 0) + bytes);
  }
  return [...sums].map(([group, bytes]) => ({ group, bytes })).sort((a, b) => b.bytes - a.bytes);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const whole = await bundle([]);
const reached = await bundle([dynamicImportsExternal]);
const leaks = reached.inputs.filter(({ path }) => ADMIN_ONLY.some((rule) => rule.test(path)));

if (process.argv.includes("--json")) {
  console.log(
    JSON.stringify({
      bundle: { bytes: whole.bytes, gzipBytes: whole.gzipBytes },
      staticallyReached: { bytes: reached.bytes, gzipBytes: reached.gzipBytes },
      adminOnlyInStaticGraph: leaks.map(({ path }) => path),
      topStaticGroups: byGroup(reached.inputs).slice(0, TOP_INPUTS),
    }),
  );
} else {
  console.log(`bundle (${ENTRY}):          ${kb(whole.bytes)}, gzipped ${kb(whole.gzipBytes)}`);
  console.log(`statically reached (cold): ${kb(reached.bytes)}, gzipped ${kb(reached.gzipBytes)}`);
  console.log("\nwhole bundle, by package or src/ folder:");
  for (const { group, bytes } of byGroup(whole.inputs).slice(0, TOP_INPUTS)) {
    console.log(`  ${kb(bytes).padStart(9)}  ${group}`);
  }
  console.log("\nstatically reached, by package or src/ folder:");
  for (const { group, bytes } of byGroup(reached.inputs).slice(0, TOP_INPUTS)) {
    console.log(`  ${kb(bytes).padStart(9)}  ${group}`);
  }
  console.log("\nstatically reached, top inputs:");
  for (const { path, bytes } of reached.inputs.slice(0, TOP_INPUTS)) {
    console.log(`  ${kb(bytes).padStart(9)}  ${path}`);
  }
}

if (process.argv.includes("--check") && leaks.length > 0) {
  console.error(
    `\nThe static graph from ${ENTRY} reaches admin-only code (load it with import() instead):`,
  );
  for (const { path } of leaks.slice(0, 10)) console.error(`  ${path}`);
  process.exit(1);
}
