import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  type ClickRow,
  erasePersonalFieldsIn,
  getClickIn,
  insertClicksStatement,
  selectClicks,
} from "../../src/storage/clicks";
import { aClick } from "../support/storage-clicks";

const db = env.DB;

describe("storage/clicks", () => {
  it("reads back a click as written: BLOB ids and hashes as lower-case hex, sub-IDs in order", async () => {
    const click = aClick({ createdAt: 1_700_000_000_123 });
    await insertClicksStatement(db, [click]).run();
    expect(await getClickIn(db, click.id)).toEqual(click);
    const stored = await db
      .prepare(
        "SELECT typeof(id) AS id, length(id) AS n, typeof(ip_hash) AS ip, length(ua_hash) AS ua FROM clicks WHERE id = unhex(?1)",
      )
      .bind(click.id)
      .first();
    // 12-byte and 16-byte BLOBs, not hex text.
    expect(stored).toEqual({ id: "blob", n: 12, ip: "blob", ua: 16 });
  });

  it("keeps absent hashes and fields as null, not as empty strings", async () => {
    const click = aClick({
      ipHash: null,
      uaHash: null,
      device: null,
      country: null,
      refererHost: null,
      subIds: [null, null, null, null, null],
    });
    await insertClicksStatement(db, [click]).run();
    const read = await getClickIn(db, click.id);
    expect(read).toEqual(click);
    expect(read).not.toHaveProperty("legacyUserAgent");
  });

  it("writes a click once: the aecid is the key, a second insert changes nothing", async () => {
    const click = aClick();
    expect((await insertClicksStatement(db, [click]).run()).meta.changes).toBe(1);
    const again = await insertClicksStatement(db, [{ ...click, country: "DE" }]).run();
    expect(again.meta.changes).toBe(0);
    expect((await getClickIn(db, click.id))?.country).toBe("FR");
  });

  it("writes and reads 300 clicks in one statement each (one JSON parameter, not 4,500)", async () => {
    const clicks = Array.from({ length: 300 }, () => aClick());
    expect((await insertClicksStatement(db, clicks).run()).meta.changes).toBe(300);
    const { results } = await selectClicks(
      db,
      clicks.map((c) => c.id),
    ).all<ClickRow>();
    expect(results.map((r) => r.id).sort()).toEqual(clicks.map((c) => c.id).sort());
    expect(await getClickIn(db, "0".repeat(24))).toBeNull();
  });

  it("erases what identifies the visitor and keeps link, partner, program and time", async () => {
    const click = aClick();
    await insertClicksStatement(db, [click]).run();
    const erased = await erasePersonalFieldsIn(db, click.id);
    const expected = {
      ...click,
      subIds: [null, null, null, null, null],
      ipHash: null,
      device: null,
      uaHash: null,
      refererHost: null,
    };
    expect(erased).toEqual(expected);
    expect(await getClickIn(db, click.id)).toEqual(expected);
    expect(await erasePersonalFieldsIn(db, "0".repeat(24))).toBeNull();
  });

  it("reads a previous release's click (text id) through its copy, with its whole user agent, and erases both", async () => {
    const click = aClick();
    await db
      .prepare(
        `INSERT INTO clicks (id, link_id, program_id, partner_id, created_at, sub1, ip_hash, user_agent)
         VALUES (?1, ?2, ?3, ?4, ?5, 'old-sub', ?6, 'Mozilla/5.0 old')`,
      )
      .bind(
        click.id,
        click.linkId,
        click.programId,
        click.partnerId,
        click.createdAt,
        "ab".repeat(32),
      )
      .run();
    const copy = await getClickIn(db, click.id);
    expect(copy).toMatchObject({
      id: click.id,
      legacyUserAgent: "Mozilla/5.0 old",
      ipHash: "ab".repeat(16),
    });
    expect(copy?.subIds[0]).toBe("old-sub");
    const erased = await erasePersonalFieldsIn(db, click.id);
    expect(erased).toMatchObject({ ipHash: null, subIds: [null, null, null, null, null] });
    expect(erased).not.toHaveProperty("legacyUserAgent");
    const textRow = await db
      .prepare("SELECT sub1, ip_hash, user_agent FROM clicks WHERE id = ?1")
      .bind(click.id)
      .first();
    expect(textRow).toEqual({ sub1: null, ip_hash: null, user_agent: null });
  });
});
