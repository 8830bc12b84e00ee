import { parseWebUrl } from "./domain/destination";
import { parseShardPlan, type ShardPlan } from "./domain/shards";
import { logEvent } from "./platform/log";

/**
 * Every Worker variable (`[vars]` in wrangler.toml), parsed once per isolate. A bad value is
 * logged as a `config_invalid` error naming the variable and why, and its documented default
 * serves meanwhile: a typo must not stop redirects or lose clicks. An empty value means unset.
 * Plain functions, not zod: every redirect reads the config, and zod would be most of the code a
 * fresh isolate evaluates before its first redirect (`npm run bundle:size`).
 */
type Read<T> = { value: T } | { reason: string };

interface Variable<T> {
  byDefault: T;
  read(raw: unknown): Read<T>;
}

const text = <T>(byDefault: T, read: (raw: string) => Read<T>): Variable<T> => ({
  byDefault,
  read: (raw) => (typeof raw === "string" ? read(raw) : { reason: "must be a string" }),
});

/** A whole number in [min, max]; a number in the string's JavaScript form, like zod's coerce. */
const whole = (min: number, max: number, byDefault: number): Variable<number> => ({
  byDefault,
  read(raw) {
    const value = Number(raw);
    return Number.isInteger(value) && value >= min && value <= max
      ? { value }
      : { reason: `must be a whole number from ${min} to ${max}` };
  },
});

const oneOf = <const T extends string>(values: readonly T[], byDefault: T): Variable<T> =>
  text<T>(byDefault, (raw) =>
    (values as readonly string[]).includes(raw)
      ? { value: raw as T }
      : { reason: `must be one of ${values.map((v) => `"${v}"`).join(", ")}` },
  );

const VARIABLES = {
  FALLBACK_URL: text<string | null>(null, (url) => {
    const href = parseWebUrl(url)?.href;
    return href ? { value: href } : { reason: "must be an absolute http(s) URL" };
  }),
  PUBLIC_BASE_URL: text<string | null>(null, (url) => {
    const parsed = parseWebUrl(url.trim());
    return parsed
      ? { value: parsed.origin }
      : { reason: "must be an http(s) origin, like https://track.example.com" };
  }),
  LINK_CACHE_TTL_SECONDS: whole(0, 86_400, 60),
  CLICK_WRITE_MODE: oneOf(["queue", "batched", "direct"], "queue"),
  CLICK_BATCH_WAIT_MS: whole(0, 1_000, 50),
  RETENTION_DAYS: whole(1, 36_500, 395),
  CLAIM_WRITE_TIMEOUT_MS: whole(100, 30_000, 5_000),
  CLICK_SHARDS: text<string>("DB", (value) => ({ value })),
  REPORT_VALUE_CAP: whole(1, 100_000, 1_000),
  OUTBOUND_ALLOW_INSECURE: text<boolean>(false, (raw) =>
    raw === "true" || raw === "false"
      ? { value: raw === "true" }
      : { reason: 'must be "true" or "false"' },
  ),
};

type Variables = { [K in keyof typeof VARIABLES]: (typeof VARIABLES)[K]["byDefault"] };

export interface Config {
  /** Where visitors go instead of a plain page (unknown link, stray path); null: a plain page. */
  fallbackUrl: string | null;
  /** The origin of link URLs and postback templates; null: the request's own. */
  publicBaseUrl: string | null;
  linkCacheTtlMs: number;
  /** "queue": batches go through the click queue; "batched": straight to D1; "direct": each click. */
  clickWriteMode: "queue" | "batched" | "direct";
  clickBatchWaitMs: number;
  retentionDays: number;
  /**
   * How long a click's Durable Object waits for its conversion write; the Worker rechecks D1 only
   * once this bound (and a margin) has passed. Tests shorten it, to simulate a late commit.
   */
  claimWriteTimeoutMs: number;
  /** The key that signs link IDs (derived from IP_HASH_KEY); null: IDs are not signed. */
  linkIdSecret: string | null;
  /** Lifts the https-and-public-host rule of outbound endpoints: local development only. */
  outboundAllowInsecure: boolean;
  /** The secret webhook signing secrets are derived from; null: no POST endpoint can sign. */
  webhookKey: string | null;
  /**
   * Where clicks are stored (see domain/shards.ts); a plan that does not parse is kept as its
   * problem: click writes and reads then fail (and are retried) rather than go to a wrong shard.
   */
  clickShards: ShardPlan | { problem: string };
  /** Distinct values a report rollup keeps per day, link and dimension; the rest are `(other)`. */
  reportValueCap: number;
}

const parsed = new WeakMap<object, Config>();

export function config(env: Env): Config {
  let found = parsed.get(env);
  if (!found) {
    found = parse(env as unknown as Record<string, unknown>);
    parsed.set(env, found);
  }
  return found;
}

function parse(env: Record<string, unknown>): Config {
  const vars = {} as Record<string, unknown>;
  for (const [name, schema] of Object.entries(VARIABLES)) {
    const raw = env[name];
    const read: Read<unknown> =
      raw === undefined || raw === null || raw === ""
        ? { value: schema.byDefault }
        : schema.read(raw);
    if ("value" in read) vars[name] = read.value;
    else {
      logEvent(
        "config_invalid",
        { variable: name, reason: read.reason, using: "the default" },
        "error",
      );
      vars[name] = schema.byDefault;
    }
  }
  const v = vars as Variables;
  return {
    fallbackUrl: v.FALLBACK_URL,
    publicBaseUrl: v.PUBLIC_BASE_URL,
    linkCacheTtlMs: v.LINK_CACHE_TTL_SECONDS * 1000,
    clickWriteMode: v.CLICK_WRITE_MODE,
    clickBatchWaitMs: v.CLICK_BATCH_WAIT_MS,
    retentionDays: v.RETENTION_DAYS,
    claimWriteTimeoutMs: v.CLAIM_WRITE_TIMEOUT_MS,
    outboundAllowInsecure: v.OUTBOUND_ALLOW_INSECURE,
    clickShards: shardPlanOf(v.CLICK_SHARDS),
    reportValueCap: v.REPORT_VALUE_CAP,
    webhookKey: typeof env.WEBHOOK_KEY === "string" && env.WEBHOOK_KEY ? env.WEBHOOK_KEY : null,
    linkIdSecret:
      typeof env.IP_HASH_KEY === "string" && env.IP_HASH_KEY ? `link-ids:${env.IP_HASH_KEY}` : null,
  };
}

function shardPlanOf(text: string): Config["clickShards"] {
  const parsed = parseShardPlan(text);
  if ("plan" in parsed) return parsed.plan;
  logEvent(
    "config_invalid",
    {
      variable: "CLICK_SHARDS",
      reason: parsed.problem,
      using: "nothing: clicks wait in the queue",
    },
    "error",
  );
  return { problem: `CLICK_SHARDS is invalid: ${parsed.problem}` };
}
