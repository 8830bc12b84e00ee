import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { decodeCursor } from "../../src/storage/pages";
import { getPartner, insertPartner, listPartners } from "../../src/storage/partners";
import { aPartner, futureMs } from "../support/storage-seeds";

const db = env.DB;

describe("storage/partners", () => {
  it("reads back a partner as written, with and without an email", async () => {
    const withEmail = aPartner({
      name: "Bob",
      email: "bob@partner.example",
      createdAt: 1_700_000_000_123,
    });
    const without = aPartner();
    await insertPartner(db, withEmail);
    await insertPartner(db, without);
    expect(await getPartner(db, withEmail.id)).toEqual({
      id: withEmail.id,
      name: "Bob",
      email: "bob@partner.example",
      createdAt: 1_700_000_000_123,
      disabledAt: null,
    });
    expect((await getPartner(db, without.id))?.email).toBeNull();
    expect(await getPartner(db, "0".repeat(24))).toBeNull();
  });

  it("refuses a second partner with the same id, keeping the first", async () => {
    const partner = aPartner({ name: "First" });
    await insertPartner(db, partner);
    await expect(insertPartner(db, { ...partner, name: "Second" })).rejects.toThrow(
      /UNIQUE|constraint/i,
    );
    expect((await getPartner(db, partner.id))?.name).toBe("First");
  });

  it("lists newest first and pages on (created_at, id) without repeating a row", async () => {
    const at = futureMs();
    const partners = [0, 1, 2, 3].map((i) => aPartner({ name: `P${i}`, createdAt: at + (i % 2) }));
    for (const p of partners) await insertPartner(db, p);
    const expected = [...partners]
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
      .map((p) => p.id);
    const seen: string[] = [];
    let page = await listPartners(db, 3, null);
    seen.push(...page.data.map((p) => p.id));
    expect(page.next_cursor).not.toBeNull();
    page = await listPartners(db, 3, decodeCursor(page.next_cursor as string, 2));
    seen.push(...page.data.map((p) => p.id));
    expect(seen.slice(0, 4)).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
