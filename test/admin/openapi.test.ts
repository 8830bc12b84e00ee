import { describe, expect, it } from "vitest";
import { call } from "../support/helpers";

describe("GET /api/openapi.json", () => {
  it("is an OpenAPI 3.1 document listing every admin route", async () => {
    const response = await call("/api/openapi.json");
    expect(response.status).toBe(200);
    const doc = (await response.json()) as any;
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers[0].url).toBe("/api");
    const routes = Object.entries(doc.paths as Record<string, object>).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    for (const route of [
      "POST /programs",
      "GET /programs",
      "GET /programs/{id}",
      "PATCH /programs/{id}",
      "POST /programs/{id}/rotate-key",
      "POST /programs/{id}/vouchers",
      "POST /programs/{id}/sources",
      "GET /programs/{id}/sources",
      "GET /programs/{id}/sources/{sourceId}",
      "PATCH /programs/{id}/sources/{sourceId}",
      "DELETE /programs/{id}/sources/{sourceId}",
      "POST /partners",
      "GET /partners",
      "GET /partners/{id}",
      "POST /links",
      "GET /links/{id}",
      "PATCH /links/{id}",
    ]) {
      expect(routes).toContain(route);
    }
    expect(doc.components.securitySchemes.adminToken).toMatchObject({
      type: "http",
      scheme: "bearer",
    });
  });
});
