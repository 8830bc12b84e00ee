import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { insertClickAt } from "../support/fixtures";
import { api, postback, rowCount, setupLink } from "../support/helpers";
import { received, receiverHost } from "../support/receiver-client";

describe("min_seconds_to_convert: the too-fast rule", () => {
  it("registers a click conversion faster than the minimum as refused, too_fast", async () => {
    const { program, link } = await setupLink({ min_seconds_to_convert: 30 });
    const fresh = await insertClickAt(link, Date.now() - 5_000);
    const older = await insertClickAt(link, Date.now() - 60_000);
    const send = (id: string, cids: string) =>
      postback({ key: program.conversion_key, id, amount: "10", currency: "EUR", cids });
    const fast = await send("fast-1", fresh);
    expect(fast.status).toBe(201);
    expect(fast.body.conversion_status).toBe("refused");
    const read = await api("GET", `/conversions/${fast.body.conversion_id}`);
    expect(read.body).toMatchObject({ status: "refused", refuse_reason: "too_fast" });
    // A replay says the same; a slower conversion is pending as usual.
    expect((await send("fast-1", fresh)).body.conversion_status).toBe("refused");
    expect((await send("slow-1", older)).body.conversion_status).toBe("pending");
  });
});

describe("test=1 postbacks", () => {
  it("are validated and attributed, answered with what would happen, and register nothing", async () => {
    const host = receiverHost();
    const { program, link } = await setupLink();
    await api("POST", "/endpoints", {
      url: `https://${host}/p?c={conversion_id}`,
      method: "GET",
      events: ["conversion.registered"],
      program_id: program.id,
    });
    const aecid = await insertClickAt(link, Date.now() - 60_000);
    const fields = {
      key: program.conversion_key,
      id: "dry-1",
      amount: "49.90",
      currency: "EUR",
      cids: aecid,
      test: "1",
    };
    const dry = await postback(fields);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      status: "registered",
      test: true,
      conversion_id: null,
      click_id: aecid,
      amount: 4990,
      commission: 499,
    });
    expect(
      await rowCount("SELECT count(*) AS n FROM conversions WHERE program_id = ?1", program.id),
    ).toBe(0);
    const invalid = await postback({ ...fields, amount: "abc" });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.test).toBe(true);

    // The real one registers afterwards: the dry run claimed nothing.
    const real = await postback({ ...fields, test: undefined });
    expect(real.status).toBe(201);
    const other = await postback({ ...fields, id: "dry-2" });
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: "click_already_converted", test: true });
    const update = await postback({ ...fields, status: "approved" });
    expect(update.body).toMatchObject({
      status: "updated",
      conversion_status: "approved",
      test: true,
    });
    const stored = await api("GET", `/conversions/${real.body.conversion_id}`);
    expect(stored.body).toMatchObject({ status: "pending", history: [] });

    const log = await api("GET", `/postbacks?program_id=${program.id}&limit=10`);
    expect(
      log.body.data.map((e: { outcome: string; test: boolean }) => [e.outcome, e.test]),
    ).toEqual([
      ["updated", true],
      ["click_already_converted", true],
      ["registered", false],
      ["invalid_request", true],
      ["registered", true],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await received(host)).toHaveLength(1);
    const deliveries = await env.DB.prepare(
      "SELECT count(*) AS n FROM deliveries WHERE conversion_id = ?1",
    )
      .bind(real.body.conversion_id)
      .first<{ n: number }>();
    expect(deliveries?.n).toBe(1);
  });
});
