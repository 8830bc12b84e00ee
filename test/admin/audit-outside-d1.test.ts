import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deadLetters } from "../../src/click/dead-letter-store";
import { encodeClickBatch } from "../../src/domain/click-message";
import { newId } from "../../src/domain/ids";
import { accessApi, accessJwt } from "../support/access-tokens";
import { auditRowsOf } from "../support/audit";
import { storedClick } from "../support/fixtures";
import { api, setupClick, setupLink } from "../support/helpers";
import { asPending, DEAD_LETTER_QUEUE_NAME, deliver } from "../support/queue";

describe("the audit trail of changes outside the main database", () => {
  it("records a replay that sent letters back, with its operator, and not an empty one", async () => {
    const store = deadLetters(env);
    await store.forget((await store.peek(1_000)).map((letter) => letter.id));
    const { link } = await setupLink();
    const batch = { id: newId(), clicks: [storedClick(link)], hits: [] };
    const dead = await deliver(DEAD_LETTER_QUEUE_NAME, asPending([encodeClickBatch(batch)], "d"));
    expect(dead.retryMessages).toEqual([]);

    const jwt = await accessJwt({ email: "ops@shop.example" });
    const replayed = await accessApi("POST", "/dead-letters/replay", jwt);
    expect(replayed.status).toBe(200);
    expect(replayed.body.replayed).toBe(1);
    const empty = await accessApi("POST", "/dead-letters/replay", jwt);
    expect(empty.body.replayed).toBe(0);

    const rows = await auditRowsOf("dead_letters", "clicks");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      operator: "ops@shop.example",
      action: "replay",
      fields: { replayed: 1, include_old: false },
      request_id: replayed.headers.get("X-Request-Id"),
    });
  });

  it("records a click's erasure (clicks live in their shard), and not one of no click", async () => {
    const { aecid } = await setupClick();
    const erased = await api("DELETE", `/clicks/${aecid}`);
    expect(erased.status).toBe(200);
    const rows = await auditRowsOf("click", aecid);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ operator: "admin-token", action: "erase" });
    expect(rows[0]?.request_id).toBe(erased.headers.get("X-Request-Id"));
    const unknown = "0123456789abcdef01234567";
    expect((await api("DELETE", `/clicks/${unknown}`)).status).toBe(404);
    expect(await auditRowsOf("click", unknown)).toEqual([]);
  });
});
