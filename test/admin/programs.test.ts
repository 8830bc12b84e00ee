import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { idSeconds } from "../../src/domain/ids";
import { api, createProgram, programInput } from "../support/helpers";

describe("POST /api/programs", () => {
  it("creates a program and shows its conversion key once", async () => {
    const before = Math.floor(Date.now() / 1000);
    const created = await api("POST", "/programs", programInput({ auto_approve: true }));
    expect(created.status).toBe(201);
    const program = created.body;
    expect(program.id).toMatch(/^[0-9a-f]{24}$/);
    expect(idSeconds(program.id)).toBeGreaterThanOrEqual(before);
    expect(idSeconds(program.id)).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    expect(program.conversion_key).toMatch(new RegExp(`^${program.id}-[0-9a-f]{24}$`));
    expect(program.postback_url).toContain(`key=${program.conversion_key}`);
    expect(program).toMatchObject({
      name: "Shop",
      allowed_domains: ["shop.example"],
      attribution_window_days: 30,
      attribution_model: "last_click",
      revenue_share: false,
      auto_approve: true,
      commission: { type: "percent", value: 10 },
      postbacks_per_minute: 3000,
      first_party_cookie_domain: null,
    });

    const read = await api("GET", `/programs/${program.id}`);
    expect(read.status).toBe(200);
    expect(read.body.conversion_key).toBeUndefined();
    expect(JSON.stringify(read.body)).not.toContain(program.conversion_key.split("-")[1]);

    const stored = await env.DB.prepare("SELECT * FROM programs WHERE id = ?1")
      .bind(program.id)
      .first();
    expect(JSON.stringify(stored)).not.toContain(program.conversion_key.split("-")[1]);
  });

  it("normalises domains and accepts a fixed commission in minor units", async () => {
    const program = await createProgram({
      allowed_domains: ["Shop.Example.", "bücher.example"],
      landing_url: "https://xn--bcher-kva.example/",
      commission: { type: "fixed", value: 500, currency: "eur" },
    });
    expect(program.allowed_domains).toEqual(["shop.example", "xn--bcher-kva.example"]);
    const idn = await createProgram({
      allowed_domains: ["bücher.example"],
      landing_url: "https://bücher.example/seite-ä",
    });
    expect(idn.landing_url).toBe("https://xn--bcher-kva.example/seite-%C3%A4");
    expect(program.commission).toEqual({ type: "fixed", value: 500, currency: "EUR" });
  });

  it("names every rejected field", async () => {
    const response = await api("POST", "/programs", {
      name: "",
      landing_url: "https://shop.example/",
      allowed_domains: ["not a domain", "com"],
      attribution_window_days: 0,
      attribution_model: "linear",
      commission: { type: "percent", value: 150 },
      extra: true,
    });
    expect(response.status).toBe(400);
    expect(response.body.status).toBe("rejected");
    expect(response.body.error.code).toBe("invalid_request");
    expect(Object.keys(response.body.error.fields).sort()).toEqual(
      [
        "allowed_domains.0",
        "allowed_domains.1",
        "attribution_model",
        "attribution_window_days",
        "commission.value",
        "extra",
        "name",
      ].sort(),
    );
  });

  it("refuses a landing URL off the allowed domains", async () => {
    const response = await api(
      "POST",
      "/programs",
      programInput({ landing_url: "https://evil.example/" }),
    );
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toHaveProperty("landing_url");
  });

  it("refuses a body that is not JSON", async () => {
    const response = await api("POST", "/programs", undefined);
    expect(response.status).toBe(400);
  });
});
