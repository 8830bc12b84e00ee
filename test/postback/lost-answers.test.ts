import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ClickGuard } from "../../src/postback/click-guard";
import { postback, rowCount, setupClick } from "../support/helpers";
import { fields, postbackWith } from "../support/postbacks";

describe("postback answers lost on the way back", () => {
  it("answers 201, not 503, when the Durable Object registered but its answer was lost", async () => {
    const { key, aecid, program } = await setupClick();
    const answerLost = {
      idFromName: (name: string) => env.CLICK_GUARD.idFromName(name),
      get: (id: DurableObjectId) => ({
        claim: async (...args: Parameters<ClickGuard["claim"]>) => {
          await env.CLICK_GUARD.get(id).claim(...args);
          throw new Error("Network connection lost.");
        },
      }),
    } as unknown as Env["CLICK_GUARD"];
    // The failed call is checked against D1, which holds this very conversion: it was registered.
    const lost = await postbackWith({ CLICK_GUARD: answerLost }, fields(key, aecid, "fl-1"));
    expect(lost.status).toBe(201);
    expect(lost.body.status).toBe("registered");
    const retry = await postback(fields(key, aecid, "fl-1"));
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ ...lost.body, status: "duplicate", replay: true });
    expect(
      await rowCount("SELECT count(*) AS n FROM conversions WHERE program_id = ?1", program.id),
    ).toBe(1);
  });

  it("answers 201, not 503, when the object's answer is lost before its write commits", async () => {
    const { key, aecid, program } = await setupClick();
    // The call fails at once, while the object's write lands only later: a recheck made at once
    // would find nothing and answer 503 over a registration.
    const lostEarly = {
      idFromName: (name: string) => env.CLICK_GUARD.idFromName(name),
      get: (id: DurableObjectId) => ({
        claim: async (...args: Parameters<ClickGuard["claim"]>) => {
          setTimeout(() => void env.CLICK_GUARD.get(id).claim(...args), 500);
          throw new Error("Network connection lost.");
        },
      }),
    } as unknown as Env["CLICK_GUARD"];
    const answer = await postbackWith({ CLICK_GUARD: lostEarly }, fields(key, aecid, "fe-1"));
    expect(answer.status).toBe(201);
    expect(answer.body.status).toBe("registered");
    expect(
      await rowCount("SELECT count(*) AS n FROM conversions WHERE program_id = ?1", program.id),
    ).toBe(1);
    const retry = await postback(fields(key, aecid, "fe-1"));
    expect(retry.status).toBe(200);
  });

  it("re-learns the decision from D1 when the Durable Object lost it (isolate died between steps)", async () => {
    const { key, aecid, program } = await setupClick();
    const first = await postback(fields(key, aecid, "fi-1"));
    expect(first.status).toBe(201);
    const guard = env.CLICK_GUARD.get(env.CLICK_GUARD.idFromName(aecid));
    await runInDurableObject(guard, (_instance, state) => {
      state.storage.kv.delete("conversion");
    });
    const retry = await postback(fields(key, aecid, "fi-1"));
    expect(retry.status).toBe(200);
    const other = await postback(fields(key, aecid, "fi-2"));
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("click_already_converted");
    expect(
      await runInDurableObject(
        guard,
        (_instance, state) => state.storage.kv.get<{ orderId: string }>("conversion")?.orderId,
      ),
    ).toBe("fi-1");
    expect(
      await rowCount("SELECT count(*) AS n FROM conversions WHERE program_id = ?1", program.id),
    ).toBe(1);
  });
});
