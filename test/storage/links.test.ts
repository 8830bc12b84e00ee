import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newLinkId } from "../../src/domain/ids";
import {
  getLink,
  getLinkWithProgram,
  insertLink,
  listLinks,
  updateLink,
} from "../../src/storage/links";
import { decodeCursor } from "../../src/storage/pages";
import { futureMs, seedLink } from "../support/storage-seeds";

const db = env.DB;

describe("storage/links", () => {
  it("reads back a link as written: a null destination, disabled as a boolean", async () => {
    const { link } = await seedLink(db, { link: { createdAt: 1_700_000_000_000 } });
    expect(await getLink(db, link.id)).toEqual({ ...link, destination: null, disabled: false });
    expect(await getLink(db, "NoSuchLink")).toBeNull();
  });

  it("refuses a link to a program that does not exist (the foreign key)", async () => {
    const { link } = await seedLink(db);
    const orphan = { ...link, id: newLinkId(), programId: "0".repeat(24) };
    await expect(insertLink(db, orphan)).rejects.toThrow(/FOREIGN KEY|constraint/i);
  });

  it("updates the destination and the flag only", async () => {
    const { link } = await seedLink(db);
    await updateLink(db, {
      ...link,
      destination: "https://shop.example/sale",
      disabled: true,
      createdAt: 5,
    });
    expect(await getLink(db, link.id)).toEqual({
      ...link,
      destination: "https://shop.example/sale",
      disabled: true,
    });
  });

  it("reads a link with its program in one query, each mapped as by its own module", async () => {
    const { link, program } = await seedLink(db, {
      program: { commission: { type: "fixed", value: 300, currency: "EUR" }, holdDays: 3 },
      link: { destination: "https://shop.example/x" },
    });
    const joined = await getLinkWithProgram(db, link.id);
    expect(joined).toEqual({ link, program });
    expect(await getLinkWithProgram(db, "NoSuchLink")).toBeNull();
  });

  it("lists a program's links newest first with a cursor; every program's without a filter", async () => {
    const first = await seedLink(db, { link: { createdAt: futureMs() } });
    const { program, partner } = first;
    const later = { ...first.link, id: newLinkId(), createdAt: futureMs() };
    await insertLink(db, later);
    const other = await seedLink(db, { link: { createdAt: futureMs() } });

    const page = await listLinks(db, program.id, 1, null);
    expect(page.data).toEqual([{ link: later, program }]);
    expect(decodeCursor(page.next_cursor as string, 2)).toEqual([later.createdAt, later.id]);
    const next = await listLinks(db, program.id, 1, decodeCursor(page.next_cursor as string, 2));
    expect(next).toEqual({ data: [{ link: first.link, program }], next_cursor: null });
    expect(next.data[0]?.link.partnerId).toBe(partner.id);

    const all = await listLinks(db, null, 2, null);
    expect(all.data.map((l) => l.link.id)).toEqual([other.link.id, later.id]);
  });
});
