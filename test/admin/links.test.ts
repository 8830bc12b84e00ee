import { describe, expect, it } from "vitest";
import { api, createPartner, createProgram, ORIGIN } from "../support/helpers";

describe("links", () => {
  it("creates a link with its ready-to-share URL", async () => {
    const program = await createProgram();
    const partner = await createPartner();
    const created = await api("POST", "/links", { program_id: program.id, partner_id: partner.id });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^[A-Za-z0-9_-]{8,16}$/);
    expect(created.body).toMatchObject({
      program_id: program.id,
      partner_id: partner.id,
      destination: program.landing_url,
      follows_landing_url: true,
      disabled: false,
      url: `${ORIGIN}/c/${created.body.id}`,
    });
    const read = await api("GET", `/links/${created.body.id}`);
    expect(read.body).toEqual(created.body);
  });

  it("accepts a destination on an allowed domain or subdomain, and refuses others", async () => {
    const program = await createProgram();
    const partner = await createPartner();
    const base = { program_id: program.id, partner_id: partner.id };
    const ok = await api("POST", "/links", {
      ...base,
      destination: "https://www.shop.example/p?id=1#top",
    });
    expect(ok.status).toBe(201);
    expect(ok.body.destination).toBe("https://www.shop.example/p?id=1#top");
    for (const destination of [
      "https://evilshop.example/",
      "https://shop.example.evil.example/",
      "javascript:alert(1)",
      "https://shop.example@evil.example/",
      "//evil.example",
    ]) {
      const refused = await api("POST", "/links", { ...base, destination });
      expect(refused.status, destination).toBe(400);
      expect(refused.body.error.fields).toHaveProperty("destination");
    }
  });

  it("patches the destination and disables the link", async () => {
    const program = await createProgram();
    const partner = await createPartner();
    const link = await api("POST", "/links", { program_id: program.id, partner_id: partner.id });
    const patched = await api("PATCH", `/links/${link.body.id}`, {
      destination: "https://shop.example/new",
      disabled: true,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ destination: "https://shop.example/new", disabled: true });
    const reset = await api("PATCH", `/links/${link.body.id}`, { destination: null });
    expect(reset.body).toMatchObject({ destination: program.landing_url, disabled: true });
  });

  it("names unknown program and partner ids, and answers 404 for an unknown link", async () => {
    const response = await api("POST", "/links", {
      program_id: "0123456789abcdef01234567",
      partner_id: "0123456789abcdef01234568",
    });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.error.fields).sort()).toEqual(["partner_id", "program_id"]);
    expect((await api("GET", "/links/nosuchlink1")).status).toBe(404);
    expect((await api("GET", "/links/bad!")).status).toBe(400);
  });
});
