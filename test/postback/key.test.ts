import { describe, expect, it } from "vitest";
import { api, call, postback, setupClick } from "../support/helpers";

describe("conversion key", () => {
  it("answers the same 401 for missing, malformed, unknown and wrong keys", async () => {
    const { key, aecid, program } = await setupClick();
    const fields = { id: "k-1", amount: "10", currency: "EUR", cids: aecid };
    const secret = key.split("-")[1] as string;
    const wrongSecret = `${program.id}-${secret.replace(/^./, (c) => (c === "0" ? "1" : "0"))}`;
    const bodies = [];
    for (const bad of [
      undefined,
      "garbage",
      `${program.id}`,
      `0123456789abcdef01234567-${secret}`,
      wrongSecret,
      `${key}x`,
    ]) {
      const response = await postback({ key: bad, ...fields });
      expect(response.status, String(bad)).toBe(401);
      // The same answer, but for the request's own ID.
      const { request_id, ...error } = response.body.error;
      expect(request_id).toBe(response.headers.get("X-Request-Id"));
      bodies.push(JSON.stringify({ ...response.body, error }));
    }
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0] as string).error.code).toBe("invalid_key");
    expect((await postback({ key: key.toUpperCase(), ...fields })).status).toBe(201);
  });

  it("accepts the key as a bearer token", async () => {
    const { key, aecid } = await setupClick();
    const response = await call(`/postback?id=b-1&amount=10&currency=EUR&cids=${aecid}`, {
      headers: { Authorization: `Bearer ${key}` },
    });
    expect(response.status).toBe(201);
  });

  it("stops the old key at once when rotated", async () => {
    const { key, aecid, program } = await setupClick();
    expect(
      (await postback({ key, id: "r-1", amount: "10", currency: "EUR", cids: aecid })).status,
    ).toBe(201);
    const rotated = await api("POST", `/programs/${program.id}/rotate-key`);
    const old = await postback({ key, id: "r-1", amount: "10", currency: "EUR", cids: aecid });
    expect(old.status).toBe(401);
    const fresh = await postback({
      key: rotated.body.conversion_key,
      id: "r-1",
      amount: "10",
      currency: "EUR",
      cids: aecid,
    });
    expect(fresh.status).toBe(200);
    expect(fresh.body.replay).toBe(true);
  });

  it("never writes the key into the postback log", async () => {
    const { key, aecid, program } = await setupClick();
    await postback({ key, id: "l-1", amount: "10", currency: "EUR", cids: aecid });
    await postback({
      key: `${program.id}-${"0".repeat(24)}`,
      id: "l-2",
      amount: "10",
      currency: "EUR",
    });
    await postback({ key, id: "l-3", amount: "oops", currency: "EUR" });
    const secret = key.split("-")[1] as string;
    let log = await api("GET", `/postbacks?program_id=${program.id}`);
    for (let i = 0; i < 50 && log.body.data.length < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      log = await api("GET", `/postbacks?program_id=${program.id}`);
    }
    // Newest first, but two postbacks logged within the same millisecond have no order between
    // them: the outcomes are compared as a set.
    expect(log.body.data.map((entry: any) => entry.outcome).sort()).toEqual([
      "invalid_key",
      "invalid_request",
      "registered",
    ]);
    const dump = JSON.stringify(log.body);
    expect(dump).not.toContain(secret);
    expect(dump).not.toContain(secret.slice(0, 8));
    expect(dump).not.toContain('"key"');
  });
});
