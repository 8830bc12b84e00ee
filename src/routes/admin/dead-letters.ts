import { createRoute, z } from "@hono/zod-openapi";
import { deadLetters } from "../../click/dead-letter-store";
import { REPLAY_SAFE_DAYS, replayDeadLetters } from "../../click/replay-dead-letters";
import { decodeClickBatch } from "../../domain/click-message";
import { logEvent, reasonOf } from "../../platform/log";
import { insertAuditEntry } from "../../storage/audit-log";
import { iso } from "./answers";
import { auditEntryOf } from "./audit-trail";
import { adminRouter, commonErrors, jsonResponse } from "./route-kit";

/** Click batches the click queue gave up on, and their replay onto the queue. */
export const deadLettersApi = adminRouter();
const tags = ["Dead letters"];

const LetterSchema = z
  .object({
    id: z.string(),
    dead_at: z.string(),
    clicks: z.number().int(),
    first_click_at: z.string().nullable(),
  })
  .openapi("DeadLetter");

deadLettersApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "Dead-lettered click batches, oldest first (up to 100), and how many are held",
    responses: {
      200: jsonResponse(
        z.object({ count: z.number().int(), data: z.array(LetterSchema) }),
        "What the dead-letter store holds",
      ),
      ...commonErrors,
    },
  }),
  async (c) => {
    const store = deadLetters(c.env);
    const [count, letters] = await Promise.all([store.count(), store.peek(100)]);
    const data = letters.map((letter) => {
      const clicks = decodeClickBatch(JSON.parse(letter.body))?.clicks ?? [];
      const first = clicks.length ? Math.min(...clicks.map((k) => k.createdAt)) : null;
      return {
        id: letter.id,
        dead_at: iso(letter.deadAt),
        clicks: clicks.length,
        first_click_at: first === null ? null : iso(first),
      };
    });
    return c.json({ count, data }, 200);
  },
);

const heldBackMessage = (n: number) =>
  `${n} letter(s) were dead-lettered more than ${REPLAY_SAFE_DAYS} days ago and were not replayed: ` +
  "the receipts that show whether their batches were already written may be gone, so their " +
  "counters could be counted twice (their clicks are never stored twice). To replay them anyway, " +
  "call again with ?include_old=true.";

deadLettersApi.openapi(
  createRoute({
    method: "post",
    path: "/replay",
    tags,
    summary:
      "Sends dead-lettered click batches back to the click queue, oldest first, in sends under the Queues limits (call again while `remaining` > `held_back`)",
    request: {
      query: z.object({
        include_old: z
          .enum(["true", "false"])
          .optional()
          .openapi({
            description: `Also replay letters dead for more than ${REPLAY_SAFE_DAYS} days (their counters may count twice)`,
          }),
      }),
    },
    responses: {
      200: jsonResponse(
        z.object({
          replayed: z.number().int(),
          remaining: z.number().int(),
          held_back: z.number().int(),
          message: z.string().optional(),
        }),
        "How many went back to the queue, how many are left, and how many of those are held back as too old",
      ),
      ...commonErrors,
    },
  }),
  async (c) => {
    const includeOld = c.req.valid("query").include_old === "true";
    const outcome = await replayDeadLetters(c.env, { includeOld, now: Date.now() });
    const { replayed, remaining, heldBack } = outcome;
    // The letters live in a Durable Object, not D1: the record follows the replay, and a failure
    // to write it is logged rather than answered (the replay itself went through).
    if (replayed > 0) {
      const entry = auditEntryOf(c, "replay", "dead_letters", "clicks", {
        replayed,
        include_old: includeOld,
      });
      await insertAuditEntry(c.env.DB, entry).catch((error: unknown) =>
        logEvent("audit_write_failed", { action: "replay", reason: reasonOf(error) }, "error"),
      );
    }
    const message = heldBack ? { message: heldBackMessage(heldBack) } : {};
    return c.json({ replayed, remaining, held_back: heldBack, ...message }, 200);
  },
);
