import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { writeClickNow } from "../../src/click/sink";
import { newId } from "../../src/domain/ids";
import worker from "../../src/index";
import { clickRow } from "../support/click-rows";
import { failInserts } from "../support/faults";
import { ORIGIN, setupLink } from "../support/helpers";
import { capturedLines } from "../support/log-capture";

describe("click path under injected D1 faults", () => {
  it("still redirects a bot when its counter cannot be written, and says so in the log", async () => {
    const { link } = await setupLink();
    const heal = await failInserts("daily_link_counts");
    try {
      const ctx = createExecutionContext();
      const response = await worker.fetch(
        new Request(`${ORIGIN}/c/${link.id}`, { headers: { "User-Agent": "Googlebot/2.1" } }),
        { ...env, CLICK_WRITE_MODE: "batched" },
        ctx,
      );
      await waitOnExecutionContext(ctx);
      expect(response.status).toBe(302);
      expect(
        capturedLines().some((line) => line.includes("count_failed") && line.includes(link.id)),
      ).toBe(true);
    } finally {
      await heal();
    }
  });

  it("stores the click without an IP hash when the day's salt cannot be written", async () => {
    const { link } = await setupLink();
    const heal = await failInserts("ip_salts");
    const future = Date.now() + 40 * 86_400_000; // a day no isolate has a salt for yet
    const id = newId(future);
    try {
      await writeClickNow(
        env,
        {
          id,
          linkId: link.id,
          programId: link.program_id,
          partnerId: link.partner_id,
          createdAt: future,
          subIds: [null, null, null, null, null],
          country: null,
          userAgent: "UA",
          refererHost: null,
        },
        "192.0.2.55",
      );
    } finally {
      await heal();
    }
    const row = await clickRow(id);
    expect(row).not.toBeNull();
    expect(row?.ip_hash).toBeNull();
  });
});
