// wrangler.toml's [alias], for the builds that are not wrangler's: bundle:size's esbuild and the
// tests' Vite. wrangler replaces an import whose path is exactly an alias's name ("zod", never
// "zod/v4", which the alias's own module imports): esbuild's and Vite's plain aliases also rewrite
// subpaths, so both get the exact match spelled out here.
import path from "node:path";
import type { Plugin } from "esbuild";
import { unstable_readConfig } from "wrangler";

/** Each alias's import path and the absolute path of the module that replaces it. */
export function wranglerAliases(configPath = "wrangler.toml"): [string, string][] {
  const alias: Record<string, string> = unstable_readConfig({ config: configPath }).alias ?? {};
  const root = path.dirname(path.resolve(configPath));
  return Object.entries(alias).map(([name, target]) => [name, path.resolve(root, target)]);
}

const exactly = (name: string) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`);

/** For Vite's `resolve.alias`. */
export const viteAliases = (configPath?: string) =>
  wranglerAliases(configPath).map(([name, target]) => ({
    find: exactly(name),
    replacement: target,
  }));

/** For esbuild, as wrangler's own alias plugin does it. */
export const esbuildAliases = (configPath?: string): Plugin => ({
  name: "wrangler-alias",
  setup(build) {
    for (const [name, target] of wranglerAliases(configPath)) {
      build.onResolve({ filter: exactly(name) }, () => ({ path: target }));
    }
  },
});
