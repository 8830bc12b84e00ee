declare namespace Cloudflare {
  interface Env {
    /** Set in vitest.config.ts. */
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    MIGRATION_DB: D1Database;
    /** The test click shards besides the main database (CLICK_SHARDS in vitest.config.ts). */
    CLICKS_1: D1Database;
    CLICKS_2: D1Database;
    /** The test receiver's control side (test/support/receiver-server.ts). */
    RECEIVER: Fetcher;
    /** The Access tests' private keys (test/support/access-keys.ts). */
    ACCESS_TEST_KEYS: {
      team: JsonWebKey & { kid: string };
      stranger: JsonWebKey & { kid: string };
    };
    CORPORA: { openRedirect: string[]; naughtyStrings: string[]; ssrfUrls: string[] };
  }
}
