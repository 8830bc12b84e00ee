// The Worker's modules as Miniflare must be given them. This Miniflare, given `modules: true` and
// a script path, loads the entry alone and never follows its imports: a chunk that wrangler wrote
// for an `import()` would be missing at the first request that needs it. So the bench lists them:
// the entry first (Miniflare takes the first module as the main one), then every other .js file
// of the build's directory, by name, rooted at that directory as wrangler's upload is.

export interface ModuleDefinition {
  type: "ESModule";
  path: string;
}

/** `files`: the names in the entry's directory (a build's outdir, emptied before each build). */
export function modulesOf(
  entry: string,
  files: string[],
): { modulesRoot: string; modules: ModuleDefinition[] } {
  const slash = entry.lastIndexOf("/");
  const root = slash === -1 ? "." : entry.slice(0, slash);
  const main = entry.slice(slash + 1);
  const chunks = files.filter((file) => file.endsWith(".js") && file !== main).sort();
  return {
    modulesRoot: root,
    modules: [main, ...chunks].map((file) => ({ type: "ESModule", path: `${root}/${file}` })),
  };
}
