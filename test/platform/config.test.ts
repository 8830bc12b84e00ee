import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { config } from "../../src/config";
import { capturedLines } from "../support/log-capture";

describe("config", () => {
  it("parses every variable once, with its documented default when unset or empty", () => {
    const parsed = config({ ...env, FALLBACK_URL: "", PUBLIC_BASE_URL: "", CLICK_SHARDS: "" });
    expect(parsed).toEqual({
      fallbackUrl: null,
      publicBaseUrl: null,
      linkCacheTtlMs: 60_000,
      clickWriteMode: "queue",
      clickBatchWaitMs: 50,
      retentionDays: 395,
      claimWriteTimeoutMs: 5_000,
      linkIdSecret: `link-ids:${env.IP_HASH_KEY}`,
      outboundAllowInsecure: false,
      webhookKey: env.WEBHOOK_KEY,
      clickShards: [{ from: 0, bindings: ["DB"] }],
      reportValueCap: 1_000,
    });
  });

  it("reads good values", () => {
    const parsed = config({
      ...env,
      FALLBACK_URL: "https://shop.example/home",
      PUBLIC_BASE_URL: "https://track.shop.example/",
      LINK_CACHE_TTL_SECONDS: "5",
      CLICK_WRITE_MODE: "direct",
      CLICK_BATCH_WAIT_MS: "0",
      RETENTION_DAYS: "30",
      ...({ CLAIM_WRITE_TIMEOUT_MS: "400" } as unknown as Partial<Env>),
      OUTBOUND_ALLOW_INSECURE: "true",
      CLICK_SHARDS: "DB; DB CLICKS_1 @ 2027-01-01T00:00:00Z",
      REPORT_VALUE_CAP: "25",
    });
    expect(parsed).toEqual({
      fallbackUrl: "https://shop.example/home",
      publicBaseUrl: "https://track.shop.example",
      linkCacheTtlMs: 5_000,
      clickWriteMode: "direct",
      clickBatchWaitMs: 0,
      retentionDays: 30,
      claimWriteTimeoutMs: 400,
      linkIdSecret: `link-ids:${env.IP_HASH_KEY}`,
      outboundAllowInsecure: true,
      webhookKey: env.WEBHOOK_KEY,
      clickShards: [
        { from: 0, bindings: ["DB"] },
        { from: Date.parse("2027-01-01T00:00:00Z") / 1000, bindings: ["DB", "CLICKS_1"] },
      ],
      reportValueCap: 25,
    });
  });

  it("logs a bad value as an error naming the variable, and serves its default meanwhile", () => {
    const before = capturedLines().length;
    const parsed = config({
      ...env,
      FALLBACK_URL: "javascript:alert(1)",
      CLICK_WRITE_MODE: "sometimes",
      RETENTION_DAYS: "forever",
      CLICK_SHARDS: "DB; CLICKS_1",
    });
    expect(parsed).toMatchObject({
      fallbackUrl: null,
      clickWriteMode: "queue",
      retentionDays: 395,
      // Not the default: clicks wait in the queue rather than land on a shard a fix would not find.
      clickShards: { problem: expect.stringContaining("@ <UTC time>") },
    });
    const logged = capturedLines()
      .slice(before)
      .map((line) => JSON.parse(line) as { event: string; variable: string; reason: string });
    expect(logged.filter((l) => l.event === "config_invalid").map((l) => l.variable)).toEqual([
      "FALLBACK_URL",
      "CLICK_WRITE_MODE",
      "RETENTION_DAYS",
      "CLICK_SHARDS",
    ]);
    expect(logged[0]?.reason).toMatch(/http\(s\) URL/);
  });

  it("takes whole numbers within bounds only, and only the listed words", () => {
    const before = capturedLines().length;
    const parsed = config({
      ...env,
      LINK_CACHE_TTL_SECONDS: "86401",
      CLICK_BATCH_WAIT_MS: "12.5",
      RETENTION_DAYS: "0",
      CLICK_WRITE_MODE: "Queue",
      OUTBOUND_ALLOW_INSECURE: "yes",
      ...({ CLAIM_WRITE_TIMEOUT_MS: " 400 " } as unknown as Partial<Env>),
    });
    expect(parsed).toMatchObject({
      linkCacheTtlMs: 60_000,
      clickBatchWaitMs: 50,
      retentionDays: 395,
      clickWriteMode: "queue",
      outboundAllowInsecure: false,
      // A number's JavaScript form, spaces around it included, as zod's coerce read it.
      claimWriteTimeoutMs: 400,
    });
    const logged = capturedLines()
      .slice(before)
      .map((line) => JSON.parse(line) as { event: string; variable: string; reason: string });
    expect(
      logged.filter((l) => l.event === "config_invalid").map((l) => [l.variable, l.reason]),
    ).toEqual([
      ["LINK_CACHE_TTL_SECONDS", "must be a whole number from 0 to 86400"],
      ["CLICK_WRITE_MODE", 'must be one of "queue", "batched", "direct"'],
      ["CLICK_BATCH_WAIT_MS", "must be a whole number from 0 to 1000"],
      ["RETENTION_DAYS", "must be a whole number from 1 to 36500"],
      ["OUTBOUND_ALLOW_INSECURE", 'must be "true" or "false"'],
    ]);
  });
});
