// Clicks for the storage modules' own tests: every field set, and aecids chosen for a shard.
import { env } from "cloudflare:workers";
import { config } from "../../src/config";
import type { Click } from "../../src/domain/entities";
import { newId, newLinkId } from "../../src/domain/ids";
import { shardOf } from "../../src/domain/shards";

/** A new aecid made at `at` that the test plan (CLICK_SHARDS) puts in `binding`. */
export function aecidIn(binding: string, at = Date.now()): string {
  const plan = config(env).clickShards;
  if ("problem" in plan) throw new Error(plan.problem);
  for (;;) {
    const id = newId(at);
    if (shardOf(id, plan) === binding) return id;
  }
}

/** A click as the consumer stores it, with every optional field set. */
export function aClick(overrides: Partial<Click> = {}): Click {
  const at = overrides.createdAt ?? Date.now();
  return {
    id: newId(at),
    linkId: newLinkId(),
    programId: newId(at),
    partnerId: newId(at),
    createdAt: at,
    subIds: ["s1", "s2", null, "s4", "s5"],
    country: "FR",
    ipHash: "0123456789abcdef0123456789abcdef",
    device: "Chrome 131 / Windows / desktop",
    uaHash: "fedcba9876543210fedcba9876543210",
    refererHost: "blog.example",
    ...overrides,
  };
}
