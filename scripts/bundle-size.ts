// What the Worker ships and what a fresh isolate evaluates before its first redirect.
//
//   npm run bundle:size                  the figures, as text
//   npm run bundle:size -- --json        the same figures as one JSON object (for the bench)
//   npm run bundle:size -- --check       also exit 1 if the redirect or postback path statically
//                                        reaches the admin API or zod-openapi (the lazy boundary
//                                        broke), the postback path reaches zod, the redirect
//                                        evaluates over 150 KB (50 KB gzipped) or the postback
//                                        over 210 KB (60 KB gzipped), or the partner API reaches
//                                        SimpleWebAuthn but through the passkey ceremonies' import(),
//                                        or the admin or partner API reaches sepa.js or ibantools
//                                        but through the payout files' import() (issue 28)
//
// Bundled with wrangler's own esbuild settings (esm, browser platform, workerd conditions, no
// minification, keep_names off and the [alias] table as in wrangler.toml). esbuild does not split code: a dynamic
// `import()` stays in the same file, wrapped in a lazy initializer that runs on first use. So the
// "statically reached" bundle, built again with every dynamic import left external, is what an
// isolate evaluates before it answers its first `GET /c/<link>`.
import { gzipSync } from "node:zlib";
import { type BuildOptions, build, type Metafile, type Plugin } from "esbuild";
import { esbuildAliases } from "./wrangler-alias.ts";

const ENTRY = "src/index.ts";
const ROUTER = "src/routes/router.ts";
const PARTNER = "src/routes/partner/index.ts";
const PASSKEY_CEREMONIES = [
  "src/partner/passkey-registration.ts",
  "src/partner/passkey-sign-in.ts",
];
const PASSKEY_ONLY = /node_modules\/(@simplewebauthn|@peculiar|asn1js)\//;
const ADMIN = "src/routes/admin/index.ts";
/** Issue 28: the SEPA writer and the IBAN checks, loaded by the routes that need them alone. */
const PAYOUT_FILES = ["src/payouts/sepa-file.ts", "src/payouts/bank-account.ts"];
const PAYOUT_FILES_ONLY = /node_modules\/(sepa|ibantools)\//;
/** What the redirect and postback paths must never load: the admin API and its OpenAPI machinery. */
const ADMIN_ONLY = [
  /^src\/routes\/admin\//,
  /node_modules\/@hono\/zod-openapi\//,
  /node_modules\/@asteasolutions\/zod-to-openapi\//,
  // Cloudflare Access verification is the admin API's alone.
  /^src\/auth\//,
  /node_modules\/jose\//,
  // The partner portal's API and its sign-in (issue 27).
  /^src\/routes\/partner\//,
  /^src\/partner\//,
  // Passkeys (issue 27): SimpleWebAuthn and its ASN.1 and X.509 libraries, the partner API's alone.
  /node_modules\/@simplewebauthn\//,
  /node_modules\/@peculiar\//,
  /node_modules\/asn1js\//,
];
/** The postback's fields are judged by plain functions (src/domain/postback-field-rules.ts). */
const NOT_ON_POSTBACK_PATH = [/node_modules\/zod\//];
/** Issue 23's goal for what a fresh isolate evaluates before its first redirect. */
const REDIRECT_BUDGET = { bytes: 150 * 1024, gzipBytes: 50 * 1024 };
/**
 * Just above what a first postback evaluates since zod and the fan-out left its path (194 KB,
 * 55 KB gzipped; 987 KB and 182 KB before): room for small changes, not for a library.
 */
const POSTBACK_BUDGET = { bytes: 210 * 1024, gzipBytes: 60 * 1024 };
const TOP_INPUTS = 15;

const WRANGLER_LIKE: BuildOptions = {
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

/** The bundle of `entries` (the Worker's entry first); with `staticOnly`, without what import() loads. */
async function bundle(entries: string[], staticOnly: boolean): Promise<Sized> {
  const result = await build({
    ...WRANGLER_LIKE,

    stdin: {
      contents:
        entries.map((entry) => `export * from "./${entry}";`).join("\n") +
        `\nexport { default } from "./${ENTRY}";`,
      resolveDir: process.cwd(),
      sourcefile: "entries.ts",
      loader: "ts",
    },
    plugins: staticOnly ? [esbuildAliases(), dynamicImportsExternal] : [esbuildAliases()],
    // Lazily loaded modules run whole (esbuild wraps each in an initializer): so count them whole.
    treeShaking: !staticOnly,
  });
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
    .filter(({ bytes }) => bytes > 0)
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
const sized = ({ bytes, gzipBytes }: Sized) => ({ bytes, gzipBytes });

const whole = await bundle([ENTRY], false);
/** What a fresh isolate evaluates before its first redirect. */
const redirect = await bundle([ENTRY], true);
/** A postback or an impression also loads the router (app.ts imports it on the first such request). */
const postback = await bundle([ENTRY, ROUTER], true);

const problems: string[] = [];
/**
 * A partner API request also loads the partner app (issue 27); a passkey request, its ceremonies
 * too. SimpleWebAuthn is most of the partner API's code, so only the ceremonies may reach it.
 */
const partner = await bundle([ENTRY, ROUTER, PARTNER], true);
const passkeys = await bundle([ENTRY, ROUTER, PARTNER, ...PASSKEY_CEREMONIES], true);
const passkeyLeaks = partner.inputs.filter(({ path }) => PASSKEY_ONLY.test(path));
if (passkeyLeaks.length > 0)
  problems.push(
    `the partner API statically reaches SimpleWebAuthn (import the passkey ceremonies with import()): ${passkeyLeaks
      .slice(0, 5)
      .map(({ path }) => path)
      .join(", ")}`,
  );
/** An admin API request loads the admin app; a payout export (or an IBAN check), the payout files too. */
const admin = await bundle([ENTRY, ROUTER, ADMIN], true);
const payoutFiles = await bundle([ENTRY, ROUTER, ADMIN, ...PAYOUT_FILES], true);
const payoutLeaks = [...admin.inputs, ...partner.inputs].filter(({ path }) =>
  PAYOUT_FILES_ONLY.test(path),
);
if (payoutLeaks.length > 0)
  problems.push(
    `the admin or partner API statically reaches sepa.js or ibantools (import the payout files with import()): ${[
      ...new Set(payoutLeaks.map(({ path }) => path)),
    ]
      .slice(0, 5)
      .join(", ")}`,
  );
/** What sepa.js and ibantools add to the uploaded bundle. */
const payoutLibraries = whole.inputs
  .filter(({ path }) => PAYOUT_FILES_ONLY.test(path))
  .reduce((sum, { bytes }) => sum + bytes, 0);
const leaks = postback.inputs.filter(({ path }) => ADMIN_ONLY.some((rule) => rule.test(path)));
if (leaks.length > 0) {
  problems.push(
    `the redirect or postback path statically reaches admin-only code (load it with import()): ${leaks
      .slice(0, 5)
      .map(({ path }) => path)
      .join(", ")}`,
  );
}
const zodLeaks = postback.inputs.filter(({ path }) =>
  NOT_ON_POSTBACK_PATH.some((rule) => rule.test(path)),
);
if (zodLeaks.length > 0) {
  problems.push(
    `the postback path statically reaches zod (judge fields with plain functions, or load it with import()): ${zodLeaks
      .slice(0, 5)
      .map(({ path }) => path)
      .join(", ")}`,
  );
}
const overBudget = (label: string, size: Sized, budget: typeof REDIRECT_BUDGET) => {
  if (size.bytes > budget.bytes || size.gzipBytes > budget.gzipBytes)
    problems.push(
      `the ${label} evaluates ${kb(size.bytes)} (gzipped ${kb(size.gzipBytes)}), over its budget of ${kb(budget.bytes)} (${kb(budget.gzipBytes)})`,
    );
};
overBudget("redirect", redirect, REDIRECT_BUDGET);
overBudget("postback", postback, POSTBACK_BUDGET);

if (process.argv.includes("--json")) {
  console.log(
    JSON.stringify({
      bundle: sized(whole),
      redirectEvaluates: sized(redirect),
      postbackEvaluates: sized(postback),
      partnerEvaluates: sized(partner),
      passkeysEvaluate: sized(passkeys),
      adminEvaluates: sized(admin),
      payoutFilesEvaluate: sized(payoutFiles),
      payoutLibrariesBytes: payoutLibraries,
      redirectTopGroups: byGroup(redirect.inputs).slice(0, TOP_INPUTS),
      problems,
    }),
  );
} else {
  const line = (label: string, { bytes, gzipBytes }: Sized) =>
    console.log(`${label.padEnd(44)} ${kb(bytes).padStart(9)}, gzipped ${kb(gzipBytes)}`);
  const top = (title: string, rows: { group?: string; path?: string; bytes: number }[]) => {
    console.log(`\n${title}`);
    for (const row of rows.slice(0, TOP_INPUTS)) {
      console.log(`  ${kb(row.bytes).padStart(9)}  ${row.group ?? row.path}`);
    }
  };
  line("bundle (what wrangler uploads)", whole);
  line("evaluated before the first redirect", redirect);
  line("evaluated before the first postback", postback);
  line("... before the first partner API request", partner);
  line("... before the first passkey request", passkeys);
  line("... before the first admin API request", admin);
  line("... before the first payout export", payoutFiles);
  console.log(
    `${"sepa.js + ibantools in the bundle".padEnd(44)} ${kb(payoutLibraries).padStart(9)}`,
  );
  top("whole bundle, by package or src/ folder:", byGroup(whole.inputs));
  top("before the first redirect, by package or src/ folder:", byGroup(redirect.inputs));
  top("before the first redirect, top inputs:", redirect.inputs);
  top("before the first postback, by package or src/ folder:", byGroup(postback.inputs));
}

if (process.argv.includes("--check") && problems.length > 0) {
  for (const problem of problems) console.error(`bundle:size --check: ${problem}`);
  process.exit(1);
}
