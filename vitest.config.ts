import { readFileSync } from "node:fs";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { viteAliases } from "./scripts/wrangler-alias.ts";
import { accessTestSetup } from "./test/support/access-keys.ts";
import { createReceiver } from "./test/support/receiver-server.ts";

const root = import.meta.dirname;

/**
 * The hostile-input corpora live beside the repository (../shared/corpora) and are not copied in.
 * Tests run inside workerd, which has no file system, so they are read here and handed over as a
 * binding.
 */
function readCorpora() {
  const dir = path.resolve(root, "../shared/corpora");
  try {
    return {
      openRedirect: readFileSync(path.join(dir, "open-redirect-payloads.txt"), "utf8")
        .split("\n")
        .filter((line) => line.trim() !== ""),
      naughtyStrings: JSON.parse(readFileSync(path.join(dir, "blns.json"), "utf8")) as string[],
      ssrfUrls: readFileSync(path.join(dir, "ssrf-urls.txt"), "utf8")
        .split("\n")
        .filter((line) => line.trim() !== ""),
    };
  } catch (error) {
    throw new Error(
      `The test corpora must be at ${dir} (the shared folder beside this repository)`,
      {
        cause: error,
      },
    );
  }
}

/** Three click shards, from the start: every test runs on them. */
const TEST_CLICK_SHARDS = "DB CLICKS_1 CLICKS_2";

const TEST_SECRETS = {
  ADMIN_TOKEN: "test-admin-token-0123456789abcdef",
  IP_HASH_KEY: "test-ip-hash-key-0123456789abcdef",
  WEBHOOK_KEY: "test-webhook-key-0123456789abcdef",
  // base64 of 32 bytes, as production's must be.
  SOURCE_SECRETS_KEY: "dGVzdC1zb3VyY2Utc2VjcmV0cy1rZXktMDEyMzQ1Njc=",
};
// Outbound postbacks and webhooks reach this receiver, never the internet.
const receiver = createReceiver();
// Wrangler checks `[secrets] required` against the process environment; tests use fixed values.
Object.assign(process.env, TEST_SECRETS);

// Cloudflare Access is on in tests (ADMIN_TOKEN still works beside it): its keys come from an
// auxiliary Worker, bound as ACCESS_CERTS.
const access = await accessTestSetup();

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        // Clicks are spread over three databases in tests (the main one and two shards), and
        // an empty one serves tests that apply the migrations step by step.
        d1Databases: {
          CLICKS_1: "clicks-1",
          CLICKS_2: "clicks-2",
          MIGRATION_DB: "migration-test",
        },
        // Tests hand message batches to the Worker's queue() through the runtime (to see each
        // message's retry delay), which this flag allows.
        compatibilityFlags: ["service_binding_extra_handlers"],
        // The click queue delivers at once in tests (the timings of wrangler.toml are production's).
        queueConsumers: {
          "aecid-edge-clicks": {
            maxBatchSize: 100,
            maxBatchTimeout: 0,
            maxRetries: 100,
            deadLetterQueue: "aecid-edge-clicks-dlq",
          },
          "aecid-edge-deliveries": { maxBatchSize: 20, maxBatchTimeout: 0, maxRetries: 100 },
        },
        outboundService: receiver.outbound,
        serviceBindings: { RECEIVER: receiver.control, ACCESS_CERTS: "access-certs" },
        workers: [access.worker],
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(path.join(root, "migrations")),
          CORPORA: readCorpora(),
          CLICK_SHARDS: TEST_CLICK_SHARDS,
          ...access.bindings,
          ...TEST_SECRETS,
        },
      },
    }),
  ],
  // wrangler.toml's [alias] (zod without its locales), so the tests run the module the bundle has.
  resolve: { alias: viteAliases() },
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["./test/setup/apply-migrations.ts", "./test/setup/no-secrets-in-logs.ts"],
    // Most test time is waiting (queues, Durable Objects, the receiver, simulated outages), not
    // CPU: three files side by side on two cores took the suite from 383 s to 168 s here. Each
    // file keeps its own isolated storage, so files never see each other's rows.
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
}));
