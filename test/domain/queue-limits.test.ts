import { describe, expect, it } from "vitest";
import {
  MESSAGE_METADATA_BYTES,
  messageBytes,
  SEND_BATCH_BYTES,
  sendBatchGroups,
} from "../../src/domain/queue-limits";

describe("sendBatchGroups", () => {
  it("keeps 100 messages at most in a group, in order", () => {
    const items = Array.from({ length: 250 }, (_, n) => n);
    const groups = sendBatchGroups(items, () => 10);
    expect(groups.map((g) => g.length)).toEqual([100, 100, 50]);
    expect(groups.flat()).toEqual(items);
  });

  it("keeps each group under the byte budget", () => {
    const groups = sendBatchGroups(
      Array.from({ length: 10 }, () => 60_000),
      (n) => n,
    );
    expect(groups.map((g) => g.length)).toEqual([4, 4, 2]);
    for (const g of groups)
      expect(g.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(SEND_BATCH_BYTES);
  });

  it("gives an item over the budget a group of its own", () => {
    expect(sendBatchGroups([1, 300_000, 1], (n) => n)).toEqual([[1], [300_000], [1]]);
  });
});

describe("messageBytes", () => {
  it("counts UTF-8 bytes, not UTF-16 units, plus the metadata", () => {
    const body = { s: "😀".repeat(1000) }; // 2,000 UTF-16 units, 4,000 bytes
    expect(JSON.stringify(body).length).toBe(2_008);
    expect(messageBytes(body)).toBe(4_008 + MESSAGE_METADATA_BYTES);
  });
});
