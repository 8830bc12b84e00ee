import { createRoute, z } from "@hono/zod-openapi";
import { decodeClickBatch } from "../../domain/click-batch";
import { deadLetters } from "../../objects/dead-letters";
import { iso } from "./answers";
import { adminRouter, commonErrors, jsonResponse } from "./route-kit";

/** Click batches the click queue gave up on, and their replay onto the queue. */
export const deadLettersApi = adminRouter();
const tags = ["Dead letters"];

/** Letters moved back to the queue per call: one `sendBatch` (100 messages at most). */
const REPLAY_PER_CALL = 100;

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

deadLettersApi.openapi(
  createRoute({
    method: "post",
    path: "/replay",
    tags,
    summary:
      "Sends up to 100 dead-lettered click batches back to the click queue (call again while `remaining` > 0)",
    responses: {
      200: jsonResponse(
        z.object({ replayed: z.number().int(), remaining: z.number().int() }),
        "How many went back to the queue, and how many are left",
      ),
      ...commonErrors,
    },
  }),
  async (c) => {
    const store = deadLetters(c.env);
    const letters = await store.peek(REPLAY_PER_CALL);
    if (letters.length) {
      // Each letter was one message, so each fits one again; the consumer writes it exactly once.
      await c.env.CLICK_QUEUE.sendBatch(
        letters.map((letter) => ({ body: JSON.parse(letter.body), contentType: "json" as const })),
      );
    }
    const remaining = await store.forget(letters.map((letter) => letter.id));
    return c.json({ replayed: letters.length, remaining }, 200);
  },
);
