import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, api, call, createPartner, createProgram } from "../support/helpers";

/** Every admin route, with a body that would succeed if the token were right. */
async function routes() {
  const program = await createProgram();
  const partner = await createPartner();
  const link = await api("POST", "/links", { program_id: program.id, partner_id: partner.id });
  const linkId = link.body.id as string;
  const hex = "0123456789abcdef01234567";
  return [
    [
      "POST",
      "/programs",
      {
        name: "X",
        landing_url: "https://a.example/",
        allowed_domains: ["a.example"],
        commission: { type: "percent", value: 1 },
      },
    ],
    ["GET", "/programs"],
    ["GET", `/programs/${program.id}`],
    ["PATCH", `/programs/${program.id}`, { name: "Changed" }],
    ["POST", `/programs/${program.id}/rotate-key`],
    ["POST", `/programs/${program.id}/vouchers`, { code: "CODE1", partner_id: partner.id }],
    ["GET", `/programs/${program.id}/vouchers`],
    ["POST", "/partners", { name: "Bob" }],
    ["GET", "/partners"],
    ["GET", `/partners/${partner.id}`],
    ["POST", "/links", { program_id: program.id, partner_id: partner.id }],
    ["GET", "/links"],
    ["GET", `/links/${linkId}`],
    ["PATCH", `/links/${linkId}`, { disabled: true }],
    ["GET", `/clicks/${hex}`],
    ["GET", "/unknown-route"],
  ] as [string, string, unknown?][];
}

async function snapshot() {
  const tables = ["programs", "partners", "links", "vouchers"];
  const rows = await env.DB.batch(
    tables.map((table) => env.DB.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`)),
  );
  return JSON.stringify(rows.map((result) => result.results));
}

describe("admin authentication", () => {
  const badTokens = {
    "no token": null,
    "wrong token of the same length": ADMIN_TOKEN.replace(/.$/, (last) =>
      last === "a" ? "b" : "a",
    ),
    "token of another length": `${ADMIN_TOKEN}x`,
    "empty bearer": "",
    "token as a prefix": ADMIN_TOKEN.slice(0, 8),
  };

  for (const [label, token] of Object.entries(badTokens)) {
    it(`answers 401 and changes nothing with ${label}`, async () => {
      const all = await routes();
      const before = await snapshot();
      for (const [method, path, body] of all) {
        const headers: Record<string, string> = { "Content-Type": "application/json" };
        if (token !== null) headers.Authorization = `Bearer ${token}`;
        const response = await call(`/api${path}`, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        expect(response.status, `${method} ${path}`).toBe(401);
        const json = (await response.json()) as any;
        expect(json).toMatchObject({ status: "rejected", error: { code: "unauthorized" } });
        expect(response.headers.get("Cache-Control")).toBe("no-store");
      }
      expect(await snapshot()).toBe(before);
    });
  }

  it("accepts the right token on every route", async () => {
    for (const [method, path, body] of await routes()) {
      const response = await api(method, path, body);
      if (path === "/unknown-route" || path.startsWith("/clicks/"))
        expect(response.status).toBe(404);
      else expect(response.status, `${method} ${path}`).toBeLessThan(300);
      expect(response.headers.get("Cache-Control")).toBe("no-store");
      expect(response.headers.get("Access-Control-Allow-Origin")).toBeNull();
    }
  });

  it("serves the OpenAPI document without a token", async () => {
    const response = await call("/api/openapi.json");
    expect(response.status).toBe(200);
  });
});
