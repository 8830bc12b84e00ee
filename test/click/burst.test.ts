import { describe, expect, it } from "vitest";
import { clickRow, clickRowsWhere, waitForClicks } from "../support/click-rows";
import { aecidOf, setupLink, visit } from "../support/helpers";

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
    expect(await waitForClicks("link_id = ?1", [link.id], burst)).toBe(burst);
    // Every redirected aecid is a row, on its own shard, and no other row appeared.
    const rows = await clickRowsWhere("link_id = ?1", link.id);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(ids));
    expect(new Set(rows.map((r) => r.sub1)).size).toBe(burst);
    for (const id of ids) expect(await clickRow(id as string), id as string).not.toBeNull();
  });
});
