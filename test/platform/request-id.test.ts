import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import type { ClickGuard } from "../../src/postback/click-guard";
import { failInserts } from "../support/faults";
import { api, call, postback, setupClick, setupLink, visit } from "../support/helpers";
import { capturedLines } from "../support/log-capture";
import { postbackWith } from "../support/postbacks";

const HEX16 = /^[0-9a-f]{16}$/;

/** Our structured lines (JSON with an `event`) named `event`, parsed. */
const linesOf = (event: string) =>
  capturedLines()
    .filter((line) => line.startsWith('{"event"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.event === event);

describe("the request ID (SPEC: X-Request-Id, error.request_id, every log line)", () => {
  it("is on every answer, success or error, and repeated in error bodies", async () => {
    const { link } = await setupLink();
    const answers = [
      await visit(link.id),
      await call("/c/nosuchlink0", { headers: { Accept: "text/html" } }),
      await call("/api/programs", { headers: { Authorization: `Bearer ${env.ADMIN_TOKEN}` } }),
    ];
    for (const answer of answers) {
      expect(answer.headers.get("X-Request-Id")).toMatch(HEX16);
      await answer.body?.cancel();
    }
    const errors = [
      await call("/api/programs"),
      await call("/api/no-such-route", { headers: { Authorization: `Bearer ${env.ADMIN_TOKEN}` } }),
      await call("/?key=wrong&id=o-1&amount=1&currency=EUR&cids=nope"),
    ];
    for (const answer of errors) {
      const id = answer.headers.get("X-Request-Id");
      expect(id).toMatch(HEX16);
      expect(((await answer.json()) as { error: { request_id: string } }).error.request_id).toBe(
        id,
      );
    }
    const ids = [...answers, ...errors].map((answer) => answer.headers.get("X-Request-Id"));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("is Cloudflare's cf-ray when present, and not a cf-ray of another shape", async () => {
    const ray = "8f1c2d3e4a5b6c7d-CDG";
    const answer = await call("/api/programs", { headers: { "cf-ray": ray } });
    expect(answer.headers.get("X-Request-Id")).toBe(ray);
    expect(((await answer.json()) as { error: { request_id: string } }).error.request_id).toBe(ray);
    const forged = await call("/api/programs", { headers: { "cf-ray": '"},"event":"forged' } });
    expect(forged.headers.get("X-Request-Id")).toMatch(HEX16);
    await forged.body?.cancel();
  });

  it("ties a 503 to its conversion_write_failed line, logged in the click's Durable Object", async () => {
    const { key, aecid } = await setupClick();
    const claims: Parameters<ClickGuard["claim"]>[] = [];
    const recording = {
      idFromName: (name: string) => env.CLICK_GUARD.idFromName(name),
      get: (id: DurableObjectId) => ({
        claim: (...args: Parameters<ClickGuard["claim"]>) => {
          claims.push(args);
          return env.CLICK_GUARD.get(id).claim(...args);
        },
      }),
    } as unknown as Env["CLICK_GUARD"];
    const heal = await failInserts("conversions");
    try {
      const answer = await postbackWith(
        { CLICK_GUARD: recording },
        { key, id: "rid-1", amount: "5", currency: "EUR", cids: aecid },
      );
      expect(answer.status).toBe(503);
      const id = answer.headers.get("X-Request-Id");
      expect(answer.body.error.request_id).toBe(id);
      expect(linesOf("conversion_write_failed").map((line) => line.request_id)).toContain(id);
      // The object runs in its own invocation (another machine, in production): the ID is
      // handed to it, and it logs with the ID it is given.
      const [conversion, bind, log, timeout, handed] = claims[0] ?? [];
      expect(handed).toBe(id);
      if (!conversion || bind === undefined || !log) throw new Error("no claim was made");
      const guard = env.CLICK_GUARD.get(env.CLICK_GUARD.idFromName(aecid));
      await guard.claim(conversion, bind, log, timeout, "handed-to-the-object");
      expect(linesOf("conversion_write_failed").map((line) => line.request_id)).toContain(
        "handed-to-the-object",
      );
    } finally {
      await heal();
    }
  });

  it("is on the lines of the waitUntil work the request started", async () => {
    const { program } = await setupLink();
    const heal = await failInserts("postback_log");
    try {
      // An unknown click: answered at once, its log row written after the answer (and failing).
      const answer = await postback({
        key: program.conversion_key,
        id: "rid-2",
        amount: "5",
        currency: "EUR",
        cids: "0000000000000000000000000000000000000000",
      });
      expect(answer.status).toBeGreaterThanOrEqual(400);
      const id = answer.headers.get("X-Request-Id");
      await vi.waitFor(
        () => expect(linesOf("postback_log_failed").map((line) => line.request_id)).toContain(id),
        { timeout: 10_000 },
      );
    } finally {
      await heal();
    }
  });

  it("is replaced by the message IDs in queue consumers", async () => {
    await env.DELIVERY_QUEUE.send({ kind: "no-such-kind" });
    await vi.waitFor(() => expect(linesOf("delivery_message_malformed")).toHaveLength(1), {
      timeout: 10_000,
    });
    const [line] = linesOf("delivery_message_malformed");
    expect(line?.message_ids).toEqual([line?.id]);
    expect(line?.request_id).toBeUndefined();
    const ok = await api("GET", "/programs");
    expect(ok.status).toBe(200);
  });
});
