import { describe, expect, it } from "vitest";
import { api, createPartner, createProgram } from "../support/helpers";

async function collect(path: string, limit: number) {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const separator = path.includes("?") ? "&" : "?";
    const url: string = `${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`;
    const page = await api("GET", url);
    expect(page.status).toBe(200);
    expect(page.body.data.length).toBeLessThanOrEqual(limit);
    seen.push(...page.body.data.map((item: any) => item.id ?? item.code));
    cursor = page.body.next_cursor;
    pages++;
  } while (cursor);
  return { seen, pages };
}

describe("list pagination", () => {
  it("walks partners newest first across pages, each exactly once", async () => {
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push((await createPartner(`P${i}`)).id);
    const { seen, pages } = await collect("/partners", 3);
    const ours = seen.filter((id) => created.includes(id));
    expect(ours).toEqual([...created].reverse());
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it("walks a program's links and vouchers", async () => {
    const program = await createProgram();
    const partner = await createPartner();
    const links: string[] = [];
    for (let i = 0; i < 5; i++) {
      const link = await api("POST", "/links", { program_id: program.id, partner_id: partner.id });
      links.push(link.body.id);
    }
    const other = await createProgram();
    await api("POST", "/links", { program_id: other.id, partner_id: partner.id });
    const { seen } = await collect(`/links?program_id=${program.id}`, 2);
    expect([...seen].sort()).toEqual([...links].sort());

    for (const code of ["B", "A", "C"]) {
      await api("POST", `/programs/${program.id}/vouchers`, { code, partner_id: partner.id });
    }
    expect((await collect(`/programs/${program.id}/vouchers`, 2)).seen).toEqual(["A", "B", "C"]);
  });

  it("rejects a cursor it did not issue, and limits out of range", async () => {
    const bad = await api("GET", "/partners?cursor=not-a-cursor");
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty("cursor");
    const big = await api("GET", "/partners?limit=100000");
    expect(big.status).toBe(400);
    expect(big.body.error.fields).toHaveProperty("limit");
  });
});
