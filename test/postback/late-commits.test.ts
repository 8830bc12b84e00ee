import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { handlePostback } from "../../src/postback/handle-postback";
import { api, postback, rowCount, setupClick, waitForCount } from "../support/helpers";
import { fields, postbackWith } from "../support/postbacks";
import { received, receiverHost } from "../support/receiver-client";

/**
 * The ClickGuard's bound on its D1 write, shortened (CLAIM_WRITE_TIMEOUT_MS) so a commit later
 * than the bound is simulated in a second rather than in 5.5: the Worker waits the bound and a
 * 250 ms margin before it rechecks D1.
 */
const BOUND_MS = 400;
const shortBound = { CLAIM_WRITE_TIMEOUT_MS: String(BOUND_MS) } as unknown as Partial<Env>;

/** The click's ClickGuard sees a D1 whose transactions commit `delayMs` after they are sent. */
async function commitsLate(aecid: string, delayMs: number) {
  const late = {
    prepare: (sql: string) => env.DB.prepare(sql),
    batch: async (statements: D1PreparedStatement[]) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return env.DB.batch(statements);
    },
  } as unknown as D1Database;
  const guard = env.CLICK_GUARD.get(env.CLICK_GUARD.idFromName(aecid));
  await runInDurableObject(guard, (instance) => {
    Object.assign(instance, { env: { ...env, DB: late } });
  });
}

/** Two GET endpoints on hosts of their own, wanting this program's registrations. */
async function twoEndpoints(programId: string) {
  const hosts = [receiverHost(), receiverHost()];
  for (const host of hosts) {
    const created = await api("POST", "/endpoints", {
      url: `https://${host}/cb?c={conversion_id}&a={amount}`,
      method: "GET",
      events: ["conversion.registered"],
      program_id: programId,
    });
    expect(created.status).toBe(201);
  }
  return hosts;
}

/** Each host got exactly one request, and no second one comes. */
async function oneDeliveryEach(hosts: string[]) {
  await vi.waitFor(
    async () => {
      for (const host of hosts) expect((await received(host)).length).toBeGreaterThanOrEqual(1);
    },
    { timeout: 10_000, interval: 100 },
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const host of hosts) expect(await received(host)).toHaveLength(1);
}

describe("a ClickGuard write that commits after the guard's bound", () => {
  it("answers 201 when the write commits before the Worker's recheck (the guard answered unavailable)", async () => {
    const { key, aecid, program } = await setupClick();
    const hosts = await twoEndpoints(program.id);
    await commitsLate(aecid, BOUND_MS + 150);
    const answer = await postbackWith(shortBound, fields(key, aecid, "lc-1"));
    expect(answer.status).toBe(201);
    expect(answer.body.status).toBe("registered");
    await oneDeliveryEach(hosts);
  });

  it("the retry of a 503 whose write committed later brings exactly one delivery per endpoint", async () => {
    const { key, aecid, program } = await setupClick();
    const hosts = await twoEndpoints(program.id);
    // Past the bound and the Worker's margin: the recheck finds nothing (5.5 s in production).
    await commitsLate(aecid, BOUND_MS + 1_000);
    const first = await postbackWith(shortBound, fields(key, aecid, "lc-2"));
    expect(first.status).toBe(503);
    await waitForCount(
      "SELECT count(*) AS n FROM conversions WHERE program_id = ?1",
      [program.id],
      1,
    );
    const retry = await postback(fields(key, aecid, "lc-2"));
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ status: "duplicate", replay: true, id: "lc-2" });
    await oneDeliveryEach(hosts);
    const again = await postback(fields(key, aecid, "lc-2"));
    expect(again.status).toBe(200);
    await oneDeliveryEach(hosts);
    expect(
      await rowCount(
        "SELECT count(*) AS n FROM deliveries WHERE conversion_id = ?1",
        retry.body.conversion_id,
      ),
    ).toBe(2);
  });

  it("a replay tells the endpoints of a registration whose event was never queued (isolate died after the 201)", async () => {
    const { key, aecid, program } = await setupClick();
    const hosts = await twoEndpoints(program.id);
    // The registration is answered, but nothing runs after it: no log, no event.
    const registered = await handlePostback(env, {
      key,
      fields: fields(key, aecid, "lc-3"),
      client: null,
    });
    expect(registered.ok && registered.status).toBe(201);
    const retry = await postback(fields(key, aecid, "lc-3"));
    expect(retry.status).toBe(200);
    await oneDeliveryEach(hosts);
  });

  it("a replay does not tell an endpoint created after the registration", async () => {
    const { key, aecid, program } = await setupClick();
    const before = await twoEndpoints(program.id);
    const registered = await handlePostback(env, {
      key,
      fields: fields(key, aecid, "lc-4"),
      client: null,
    });
    expect(registered.ok && registered.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const after = await twoEndpoints(program.id);
    expect((await postback(fields(key, aecid, "lc-4"))).status).toBe(200);
    await oneDeliveryEach(before);
    for (const host of after) expect(await received(host)).toHaveLength(0);
  });
});
