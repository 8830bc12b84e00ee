import { describe, expect, it } from "vitest";
import { api, createPartner, createProgram } from "../support/helpers";

describe("vouchers", () => {
  it("assigns, then reassigns a code", async () => {
    const program = await createProgram();
    const alice = await createPartner("Alice");
    const bob = await createPartner("Bob");
    const first = await api("POST", `/programs/${program.id}/vouchers`, {
      code: "SAVE10",
      partner_id: alice.id,
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      program_id: program.id,
      code: "SAVE10",
      partner_id: alice.id,
    });
    const again = await api("POST", `/programs/${program.id}/vouchers`, {
      code: "SAVE10",
      partner_id: bob.id,
    });
    expect(again.status).toBe(200);
    expect(again.body.partner_id).toBe(bob.id);
    const bad = await api("POST", `/programs/${program.id}/vouchers`, {
      code: "A;B",
      partner_id: bob.id,
    });
    expect(bad.status).toBe(400);
    const unknown = await api("POST", "/programs/0123456789abcdef01234567/vouchers", {
      code: "X",
      partner_id: bob.id,
    });
    expect(unknown.status).toBe(404);
  });
});
