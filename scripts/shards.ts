// The click shards as wrangler.toml declares them: CLICK_SHARDS checked against the D1 bindings,
// and the migrations applied to every database that holds clicks (the main one first).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { allShards, parseShardPlan } from "../src/domain/shards.ts";

/** Every D1 binding clicks may live in, or why wrangler.toml's CLICK_SHARDS cannot be used. */
export function clickBindings(toml = readFileSync("wrangler.toml", "utf8")): string[] {
  const text = /^CLICK_SHARDS\s*=\s*"([^"]*)"/m.exec(toml)?.[1] ?? "DB";
  const parsed = parseShardPlan(text);
  if ("problem" in parsed)
    throw new Error(`wrangler.toml: CLICK_SHARDS is invalid: ${parsed.problem}`);
  const declared = new Set(
    [...toml.matchAll(/^\[\[d1_databases\]\]\s*\nbinding\s*=\s*"([^"]+)"/gm)].map((m) => m[1]),
  );
  const missing = allShards(parsed.plan).filter((binding) => !declared.has(binding));
  if (missing.length)
    throw new Error(
      `wrangler.toml: CLICK_SHARDS names ${missing.join(", ")}, not a [[d1_databases]] binding`,
    );
  return ["DB", ...allShards(parsed.plan).filter((binding) => binding !== "DB")];
}

/** `wrangler d1 migrations apply` on the main database and every click shard; the output kept. */
export function migrateAll(where: "--local" | "--remote", env: NodeJS.ProcessEnv = process.env) {
  let output = "";
  for (const binding of clickBindings()) {
    const run = spawnSync("wrangler", ["d1", "migrations", "apply", binding, where], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...env, CI: "true" },
    });
    output += `${run.stdout ?? ""}${run.stderr ?? ""}`;
    if (run.status !== 0) return { ok: false, binding, output };
  }
  return { ok: true, binding: null, output };
}
