import { describe, expect, it } from "vitest";
import {
  ROTATION_OVERLAP_MS,
  rotated,
  type Source,
  secretsInForce,
} from "../../src/domain/sources";

const source: Source = {
  id: "s",
  programId: "p",
  type: "stripe",
  enabled: true,
  secret: { ciphertext: "first", iv: "1" },
  previousSecret: null,
  previousSecretExpiresAt: null,
  amountBasis: null,
  createdAt: 0,
  updatedAt: 0,
};

describe("a source's signing secrets in force", () => {
  it("keep the replaced secret for 24 hours after a rotation, then only the new one", () => {
    expect(secretsInForce(source, 1_000)).toEqual([source.secret]);
    const next = rotated(source, { ciphertext: "second", iv: "2" }, 1_000);
    expect(secretsInForce(next, 1_000).map((s) => s.ciphertext)).toEqual(["second", "first"]);
    const last = 1_000 + ROTATION_OVERLAP_MS - 1;
    expect(secretsInForce(next, last)).toHaveLength(2);
    expect(secretsInForce(next, 1_000 + ROTATION_OVERLAP_MS)).toEqual([next.secret]);
    // A second rotation within the day keeps only the one it replaced.
    const third = rotated(next, { ciphertext: "third", iv: "3" }, 2_000);
    expect(secretsInForce(third, 2_000).map((s) => s.ciphertext)).toEqual(["third", "second"]);
  });
});
