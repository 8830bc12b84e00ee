import { describe, expect, it } from "vitest";
import { Budget, clientKey } from "../../src/domain/budget";

describe("Budget", () => {
  it("allows a burst, then refills at its rate, per key", () => {
    const budget = new Budget({ rate: 2, burst: 3 });
    const spent = (key: string, at: number, n: number) =>
      Array.from({ length: n }, () => budget.spend(key, at)).filter(Boolean).length;
    expect(spent("a", 0, 10)).toBe(3);
    expect(spent("b", 0, 10)).toBe(3);
    expect(spent("a", 500, 10)).toBe(1);
    expect(spent("a", 10_000, 10)).toBe(3);
  });

  it("forgets the least recently used key past its bound", () => {
    const budget = new Budget({ rate: 0, burst: 1 }, 2);
    expect(budget.spend("a", 0)).toBe(true);
    expect(budget.spend("a", 0)).toBe(false);
    budget.spend("b", 0);
    budget.spend("c", 0);
    expect(budget.spend("a", 0)).toBe(true);
  });

  it("keys clients by a hash, never their address", () => {
    expect(clientKey("203.0.113.7")).not.toContain("203");
    expect(clientKey("203.0.113.7")).toBe(clientKey("203.0.113.7"));
    expect(clientKey("203.0.113.7")).not.toBe(clientKey("203.0.113.8"));
  });
});
