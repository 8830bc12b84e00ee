import { describe, expect, it } from "vitest";
import { api, postback, setupClick } from "./helpers";

describe("GET /api/postbacks", () => {
  it("lists every program's log, newest first, when no program_id is given, page by page", async () => {
    const one = await setupClick();
    const two = await setupClick();
    for (const [i, setup] of [one, two, one, two, one].entries()) {
      await postback({ key: setup.key, id: `all-${i}`, amount: "1", currency: "EUR", cids: "x" });
    }
    const seen: { program_id: string; received_at: string; fields: { id: string } }[] = [];
    let cursor: string | null = null;
    do {
      const page = await api("GET", `/postbacks?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.data);
      cursor = page.body.next_cursor;
    } while (cursor);
    const ours = seen.filter((row) => row.fields.id?.startsWith("all-"));
    expect(ours.map((row) => row.fields.id)).toEqual(["all-4", "all-3", "all-2", "all-1", "all-0"]);
    expect(new Set(ours.map((row) => row.program_id))).toEqual(
      new Set([one.program.id, two.program.id]),
    );
    const times = seen.map((row) => row.received_at);
    expect([...times].sort().reverse()).toEqual(times);
    const onlyOne = await api("GET", `/postbacks?program_id=${two.program.id}`);
    expect(onlyOne.body.data.map((row: { fields: { id: string } }) => row.fields.id)).toEqual([
      "all-3",
      "all-1",
    ]);
  });
});
