import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deadLetters } from "../../src/click/dead-letter-store";
import { encodeClickBatch } from "../../src/domain/click-message";
import { newId } from "../../src/domain/ids";
import { accessApi, accessJwt } from "../support/access-tokens";
import { auditRowsOf } from "../support/audit";
import { storedClick } from "../support/fixtures";
import { setupLink } from "../support/helpers";
import { asPending, DEAD_LETTER_QUEUE_NAME, deliver } from "../support/queue";

describe("the audit trail of dead-letter replays", () => {
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
});
