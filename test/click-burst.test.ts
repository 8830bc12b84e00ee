import { describe, expect, it } from "vitest";
import { aecidOf, setupLink, visit, waitForCount } from "./helpers";

describe("no lost clicks", () => {
  it("stores every one of 1000 concurrent clicks, once", async () => {
    const { link } = await setupLink();
    const burst = 1000;
    const responses = await Promise.all(
      Array.from({ length: burst }, (_, i) => visit(link.id, { query: `sub1=${i}` })),
    );
    const ids = responses.map(aecidOf);
    expect(responses.every((r) => r.status === 302)).toBe(true);
    expect(new Set(ids).size).toBe(burst);
    const stored = await waitForCount(
      "SELECT count(*) AS n FROM clicks WHERE link_id = ?1",
      [link.id],
      burst,
      60_000,
    );
    expect(stored).toBe(burst);
    // Every redirected aecid is a row, and no other row appeared.
    const distinct = await waitForCount(
      "SELECT count(DISTINCT sub1) AS n FROM clicks WHERE link_id = ?1",
      [link.id],
      burst,
    );
    expect(distinct).toBe(burst);
  });
});
