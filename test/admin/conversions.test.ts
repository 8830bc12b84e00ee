import { describe, expect, it } from "vitest";
import { insertClickAt } from "../support/fixtures";
import { api, createLink, postback, setupClick } from "../support/helpers";

async function registered(count: number) {
  const setup = await setupClick();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const link = await createLink(setup.program.id, setup.partner.id);
    const click = await insertClickAt(link, Date.now() - 1000);
    const response = await postback({
      key: setup.key,
      id: `o-${i}`,
      amount: "10",
      currency: "EUR",
      cids: click,
    });
    ids.push(response.body.conversion_id);
  }
  return { ...setup, ids };
}

describe("admin conversions", () => {
  it("lists a program's conversions newest first, across pages", async () => {
    const { program, ids } = await registered(5);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await api(
        "GET",
        `/conversions?program_id=${program.id}&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((c: any) => c.conversion_id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it("approves and refuses, filters by status and date", async () => {
    const { program, ids } = await registered(3);
    const approved = await api("POST", `/conversions/${ids[0]}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe("approved");
    const refused = await api("POST", `/conversions/${ids[1]}/refuse`, {
      reason: "returned goods",
    });
    expect(refused.body).toMatchObject({ status: "refused", refuse_reason: "returned goods" });
    const pending = await api("GET", `/conversions?program_id=${program.id}&status=pending`);
    expect(pending.body.data.map((c: any) => c.conversion_id)).toEqual([ids[2]]);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const future = await api("GET", `/conversions?program_id=${program.id}&from=${tomorrow}`);
    expect(future.body.data).toEqual([]);
    const upToTomorrow = await api("GET", `/conversions?program_id=${program.id}&to=${tomorrow}`);
    expect(upToTomorrow.body.data).toHaveLength(3);
    expect((await api("GET", "/conversions?from=yesterday")).status).toBe(400);
    expect((await api("POST", "/conversions/0123456789abcdef01234567/approve")).status).toBe(404);
  });

  it("shows a click's conversion", async () => {
    const { key, aecid } = await setupClick();
    expect((await api("GET", `/clicks/${aecid}`)).body.conversion).toBeNull();
    const registeredNow = await postback({
      key,
      id: "cc-1",
      amount: "10",
      currency: "EUR",
      cids: aecid,
    });
    const click = await api("GET", `/clicks/${aecid}`);
    expect(click.body.conversion).toMatchObject({
      conversion_id: registeredNow.body.conversion_id,
      id: "cc-1",
      status: "pending",
    });
  });
});
