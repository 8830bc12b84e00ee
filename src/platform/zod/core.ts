// zod's core without its `locales` namespace: the `core` of ./classic.ts (index.ts says why).
export * from "zod/v4/core";
export const locales = {};
