import { describe, expect, it } from "vitest";
import { api, postback, rowCount, setupClick } from "../support/helpers";

describe("races at scale", () => {
  // 300 s: a guard rail against a hang, not a speed claim (the bench measures speed); at scale
  // this took up to 49 s of the 60 s default on a loaded 2-core machine.
  it("turns 1000 concurrent identical postbacks into one 201, 999 replays and one row", async () => {
    const { key, aecid, program } = await setupClick();
    const fields = { key, id: "race-1000", amount: "19.99", currency: "EUR", cids: aecid };
    const answers = await Promise.all(Array.from({ length: 1000 }, () => postback(fields)));
    const count = (status: number) => answers.filter((a) => a.status === status).length;
    expect(count(201)).toBe(1);
    expect(count(200)).toBe(999);
    expect(answers.filter((a) => a.status === 200).every((a) => a.body.replay === true)).toBe(true);
    expect(new Set(answers.map((a) => a.body.conversion_id)).size).toBe(1);
    expect(
      await rowCount("SELECT count(*) AS n FROM conversions WHERE program_id = ?1", program.id),
    ).toBe(1);
    expect(
      await rowCount(
        "SELECT count(*) AS n FROM postback_log WHERE program_id = ?1 AND outcome = 'registered'",
        program.id,
      ),
    ).toBe(1);
  }, 300_000);

  it("leaves exactly one working key after 50 concurrent rotations", async () => {
    const { program } = await setupClick();
    const rotations = await Promise.all(
      Array.from({ length: 50 }, () => api("POST", `/programs/${program.id}/rotate-key`)),
    );
    expect(rotations.every((r) => r.status === 200)).toBe(true);
    const keys = [program.conversion_key, ...rotations.map((r) => r.body.conversion_key as string)];
    expect(new Set(keys).size).toBe(51);
    // A postback with a missing currency: a right key answers 400, a wrong one 401.
    const verdicts = await Promise.all(keys.map((key) => postback({ key, id: "probe" })));
    expect(verdicts.filter((v) => v.status === 400)).toHaveLength(1);
    expect(verdicts.filter((v) => v.status === 401)).toHaveLength(50);
  });
});
