import { describe, expect, it } from "vitest";
import { api } from "../support/helpers";

describe("partners", () => {
  it("creates and reads a partner, validating the e-mail", async () => {
    const created = await api("POST", "/partners", { name: "Carol", email: "carol@example.com" });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^[0-9a-f]{24}$/);
    expect((await api("GET", `/partners/${created.body.id}`)).body).toEqual(created.body);
    const bad = await api("POST", "/partners", { email: "nope" });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["email", "name"]);
    expect((await api("GET", "/partners/0123456789abcdef01234567")).status).toBe(404);
  });
});
