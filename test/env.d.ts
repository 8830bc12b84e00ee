declare namespace Cloudflare {
  interface Env {
    /** Set in vitest.config.ts. */
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    MIGRATION_DB: D1Database;
    CORPORA: { openRedirect: string[]; naughtyStrings: string[] };
  }
}
