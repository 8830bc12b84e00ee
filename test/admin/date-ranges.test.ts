import { beforeAll, describe, expect, it } from "vitest";
import { clickConversion, insertClickAt, registerConversion } from "../support/fixtures";
import { api, createLink, createPartner, createProgram, type Json } from "../support/helpers";

const DAY = 86_400_000;
const midnight = Date.parse(
  `${new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10)}T00:00:00Z`,
);
const day = new Date(midnight).toISOString().slice(0, 10);
let programId: string;

beforeAll(async () => {
  const program = await createProgram();
  const partner = await createPartner();
  const link = await createLink(program.id, partner.id);
  programId = program.id;
  // Conversions on both edges of the day and just outside it; one refused inside it.
  const times = [midnight - 1, midnight, midnight + DAY / 2, midnight + DAY - 1, midnight + DAY];
  for (const [i, at] of [...times, midnight + 1000].entries()) {
    const clickId = await insertClickAt(link, at - 60_000);
    const conversion = clickConversion({
      programId: program.id,
      partnerId: partner.id,
      clickId,
      orderId: `d-${i}`,
      amount: 1000 * (i + 1),
      at,
    });
    await registerConversion(conversion);
    if (i === times.length) await api("POST", `/conversions/${conversion.id}/refuse`);
  }
});

const orderIds = (body: Json) => (body.data as { id: string }[]).map((c) => c.id).sort();

describe("one rule for dates: whole days inclusive, instants exclusive", () => {
  it("adds up: a day's stats and that day's conversion list", async () => {
    const list = await api("GET", `/conversions?program_id=${programId}&from=${day}&to=${day}`);
    expect(orderIds(list.body)).toEqual(["d-1", "d-2", "d-3", "d-5"]);
    const counted = list.body.data.filter((c: { status: string }) => c.status !== "refused");
    const stats = await api(
      "GET",
      `/stats?program_id=${programId}&from=${day}&to=${day}&group_by=day`,
    );
    expect(stats.body.data).toHaveLength(1);
    expect(stats.body.data[0].conversions).toBe(counted.length);
    const revenue = counted.reduce((sum: number, c: { amount: number }) => sum + c.amount, 0);
    expect(stats.body.data[0].revenue).toEqual({ EUR: revenue });
  });

  it("reads an instant as an exclusive end, and a day as the whole day", async () => {
    const noon = new Date(midnight + DAY / 2).toISOString();
    const morning = await api("GET", `/conversions?program_id=${programId}&from=${day}&to=${noon}`);
    expect(orderIds(morning.body)).toEqual(["d-1", "d-5"]);
    const next = new Date(midnight + DAY).toISOString();
    const asInstants = await api(
      "GET",
      `/conversions?program_id=${programId}&from=${new Date(midnight).toISOString()}&to=${next}`,
    );
    expect(orderIds(asInstants.body)).toEqual(["d-1", "d-2", "d-3", "d-5"]);
  });

  it("takes midnight instants in stats, and refuses others with a reason", async () => {
    const from = new Date(midnight).toISOString();
    const to = new Date(midnight + DAY).toISOString();
    const byInstants = await api("GET", `/stats?program_id=${programId}&from=${from}&to=${to}`);
    const byDays = await api("GET", `/stats?program_id=${programId}&from=${day}&to=${day}`);
    expect(byInstants.body).toEqual(byDays.body);
    const noon = new Date(midnight + DAY / 2).toISOString();
    const refused = await api("GET", `/stats?program_id=${programId}&from=${day}&to=${noon}`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields.to).toMatch(/midnight UTC/);
  });
});
