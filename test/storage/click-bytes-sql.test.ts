import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newLinkId } from "../../src/domain/ids";
import { clickBytesSql } from "../../src/storage/click-bytes-sql";
import { insertClicksStatement } from "../../src/storage/clicks";
import { aClick } from "../support/storage-clicks";

const bytesOf = async (linkId: string) =>
  (await env.DB.prepare(clickBytesSql).bind(linkId).first<{ n: number | null }>())?.n;

describe("storage/click-bytes-sql", () => {
  it("measures a stored click's bytes: BLOBs as stored, text as UTF-8, 8 for the time", async () => {
    const link = newLinkId(10);
    const click = aClick({
      linkId: link,
      subIds: [null, null, null, null, null],
      country: "FR",
      device: "Firefox",
      refererHost: "é.example",
    });
    await insertClicksStatement(env.DB, [click]).run();
    // 8 (time) + 12 id + 10 link + 12 program + 12 partner + 2 country + 16 IP hash + 7 device
    // + 16 UA hash + 10 referer (é is 2 bytes).
    expect(await bytesOf(link)).toBe(8 + 12 + 10 + 12 + 12 + 2 + 16 + 7 + 16 + 10);
  });

  it("averages over the link's clicks, and is null for a link without one", async () => {
    const link = newLinkId(10);
    const bare = {
      subIds: [null, null, null, null, null] as [null, null, null, null, null],
      country: null,
      device: null,
      refererHost: null,
      ipHash: null,
      uaHash: null,
    };
    await insertClicksStatement(env.DB, [
      aClick({ linkId: link, ...bare }),
      aClick({ linkId: link, ...bare, country: "FRFR" }),
    ]).run();
    expect(await bytesOf(link)).toBe(8 + 12 + 10 + 12 + 12 + 2);
    expect(await bytesOf("NoClicksHere")).toBeNull();
  });
});
