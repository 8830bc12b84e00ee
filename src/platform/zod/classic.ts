// zod's classic API ("zod" is this, re-exported) without its locales: index.ts says why.
// "zod/v4" is not aliased (wrangler's alias matches "zod" alone).
export * from "zod/v4";
export * as core from "./core.ts";
export const locales = {};
// zod/v4 also exports its own namespace as `z` (every locale in it); zod's namespace has no `z`.
export const z = undefined;
