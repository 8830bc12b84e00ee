import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ClickBatch } from "../../src/domain/click-batch";
import { encodeClickBatch } from "../../src/domain/click-message";
import type { Click } from "../../src/domain/entities";
import { newId } from "../../src/domain/ids";
import { clickDb } from "../../src/storage/shards";
import { clickCount, counterSum } from "../support/click-rows";
import { storedClick } from "../support/fixtures";
import { setupLink } from "../support/helpers";
import { CLICK_QUEUE_NAME, deliver } from "../support/queue";

type Link = { id: string; program_id: string; partner_id: string };

/** A new aecid held by the same click database as `near` (a share of one batch, not a lone click). */
function idBeside(near: string): string {
  for (;;) {
    const id = newId();
    if (clickDb(env, id) === clickDb(env, near)) return id;
  }
}

const click = (link: Link, id = newId()): Click => storedClick(link, { id });

/** The same body under two message IDs, in one delivery (a send retried whole, a replay again). */
const twice = (batch: ClickBatch) => {
  const body = encodeClickBatch(batch);
  return deliver(CLICK_QUEUE_NAME, [
    { id: "copy-1", body, attempts: 1 },
    { id: "copy-2", body, attempts: 1 },
  ]);
};

describe("one click batch twice in one consumer batch", () => {
  it("counts 2 clicks as 2, not 4", async () => {
    const { link } = await setupLink();
    const first = click(link);
    const clicks = [first, click(link, idBeside(first.id))];
    const result = await twice({ id: newId(), clicks, hits: [] });
    expect(result.retryMessages).toEqual([]);
    expect(await clickCount("link_id = ?1", link.id)).toBe(2);
    expect(await counterSum("clicks", "link_id = ?1", link.id)).toBe(2);
  });

  it("counts its bot hits and impressions once", async () => {
    const { link } = await setupLink();
    const day = new Date().toISOString().slice(0, 10);
    const hits = [{ linkId: link.id, day, counts: { clicks: 0, bot_hits: 3, impressions: 2 } }];
    await twice({ id: newId(), clicks: [click(link)], hits });
    expect(await counterSum("clicks", "link_id = ?1", link.id)).toBe(1);
    expect(await counterSum("bot_hits", "link_id = ?1", link.id)).toBe(3);
    expect(await counterSum("impressions", "link_id = ?1", link.id)).toBe(2);
  });

  it("counts a lone click once", async () => {
    const { link } = await setupLink();
    await twice({ id: newId(), clicks: [click(link)], hits: [] });
    expect(await counterSum("clicks", "link_id = ?1", link.id)).toBe(1);
  });
});
