import { describe, expect, it } from "vitest";
import { api, createProgram } from "../support/helpers";

describe("programs: read, patch, rotate", () => {
  it("patches settings and keeps the landing URL on the allowed domains", async () => {
    const program = await createProgram();
    const patched = await api("PATCH", `/programs/${program.id}`, {
      name: "Renamed",
      attribution_model: "first_click",
      revenue_share: true,
      commission: { type: "fixed", value: 250, currency: "JPY" },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: "Renamed",
      attribution_model: "first_click",
      revenue_share: true,
      commission: { type: "fixed", value: 250, currency: "JPY" },
    });
    expect(patched.body.conversion_key).toBeUndefined();
    const orphaned = await api("PATCH", `/programs/${program.id}`, {
      allowed_domains: ["other.example"],
    });
    expect(orphaned.status).toBe(400);
    expect(orphaned.body.error.fields).toHaveProperty("landing_url");
  });

  it("rotates the key: a new one, never shown again", async () => {
    const program = await createProgram();
    const rotated = await api("POST", `/programs/${program.id}/rotate-key`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.conversion_key).toMatch(new RegExp(`^${program.id}-[0-9a-f]{24}$`));
    expect(rotated.body.conversion_key).not.toBe(program.conversion_key);
    const read = await api("GET", `/programs/${program.id}`);
    expect(read.body.conversion_key).toBeUndefined();
  });

  it("answers 404 for an unknown program and 400 for a malformed id", async () => {
    const missing = await api("GET", "/programs/0123456789abcdef01234567");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("not_found");
    const malformed = await api("GET", "/programs/xyz");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields).toHaveProperty("id");
    expect((await api("POST", "/programs/0123456789abcdef01234567/rotate-key")).status).toBe(404);
  });
});
