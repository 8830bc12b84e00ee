import { describe, expect, it } from "vitest";
import { postback, setupClick } from "../support/helpers";

describe("rate limit", () => {
  it("answers 429 with Retry-After past the program's limit per minute", async () => {
    const { key, aecid } = await setupClick({ postbacks_per_minute: 5 });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 7; i++) {
      const response = await postback({
        key,
        id: `rl-${i}`,
        amount: "1",
        currency: "EUR",
        cids: aecid,
      });
      statuses.push(response.status);
      if (response.status === 429) {
        retryAfter = response.headers.get("Retry-After");
        expect(response.body.error.code).toBe("rate_limited");
      }
    }
    expect(statuses.slice(0, 5)).toEqual([201, 409, 409, 409, 409]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  });

  it("admits at least 3,000 postbacks a minute by default", async () => {
    const { program } = await setupClick();
    expect(program.postbacks_per_minute).toBeGreaterThanOrEqual(3000);
  });
});
