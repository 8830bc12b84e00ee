import { describe, expect, it } from "vitest";
import type { ClickBatch } from "../../src/domain/click-batch";
import {
  decodeClickBatch,
  encodeClickBatch,
  splitClickBatch,
} from "../../src/domain/click-message";
import type { Click } from "../../src/domain/entities";

const click = (n: number, sub1: string | null = null): Click => ({
  id: n.toString(16).padStart(24, "0"),
  linkId: "AbCdEfGhIj",
  programId: "p".repeat(24),
  partnerId: "q".repeat(24),
  createdAt: 1_700_000_000_000 + n,
  subIds: [sub1, null, null, null, null],
  country: "FR",
  ipHash: "a".repeat(32),
  device: "Chrome 131 / Windows / desktop",
  uaHash: "b".repeat(32),
  refererHost: null,
});
const hits = [
  { linkId: "AbCdEfGhIj", day: "2026-11-26", counts: { clicks: 0, bot_hits: 3, impressions: 1 } },
];
const bytes = (batch: ClickBatch) =>
  new TextEncoder().encode(JSON.stringify(encodeClickBatch(batch))).length;

describe("splitClickBatch", () => {
  it("keeps a batch that fits as it is, whatever the characters in it", () => {
    const batch = { id: "b1", clicks: [1, 2, 3].map((n) => click(n, "é€😀")), hits };
    expect(splitClickBatch(batch, 4_000)).toEqual([batch]);
  });

  it("splits by UTF-8 bytes, not string length, in order, with the hits in the first part", () => {
    // 3 bytes per "€" but 1 UTF-16 unit: a length-based measure would think this fits.
    const clicks = Array.from({ length: 60 }, (_, n) => click(n, "€".repeat(200)));
    const batch = { id: "b2", clicks, hits };
    const lengthOnly = JSON.stringify(encodeClickBatch(batch)).length;
    const maxBytes = lengthOnly + 100;
    expect(bytes(batch)).toBeGreaterThan(maxBytes);
    const parts = splitClickBatch(batch, maxBytes);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(bytes(part)).toBeLessThanOrEqual(maxBytes);
    expect(parts.flatMap((p) => p.clicks)).toEqual(clicks);
    expect(parts.map((p) => p.id)).toEqual(parts.map((_, n) => `b2.${n}`));
    expect(parts[0]?.hits).toEqual(hits);
    expect(parts.slice(1).every((p) => p.hits.length === 0)).toBe(true);
  });

  it("round-trips through the message format", () => {
    const batch = { id: "b3", clicks: [click(7, "x")], hits };
    expect(decodeClickBatch(encodeClickBatch(batch))).toEqual(batch);
  });

  it("carries bot hits by dimension beside the hit tuples, which the previous consumer reads alone", () => {
    const dims = { all: { "": { b: 3 } }, sub1: { a: { b: 2 }, "": { b: 1 } } };
    const batch = {
      id: "b9",
      clicks: [click(1)],
      hits: [{ ...(hits[0] as (typeof hits)[0]), dims }],
    };
    const message = encodeClickBatch(batch);
    // The hit tuple keeps its four values: the previous release sets aside a message otherwise.
    expect(message.h).toEqual([["2026-11-26", "AbCdEfGhIj", 3, 1]]);
    expect(message.hd).toEqual([{ d: dims }]);
    expect(decodeClickBatch(JSON.parse(JSON.stringify(message)))).toEqual(batch);
    expect(encodeClickBatch({ id: "b8", clicks: [], hits }).hd).toBeUndefined();
    // Dimensions that do not check out are dropped; the hits still count.
    const bad = decodeClickBatch({ ...message, hd: [{ d: { sub1: "x" } }] });
    expect(bad?.hits).toEqual(hits);
  });
});
