import { describe, expect, it } from "vitest";
import { accessApi, accessJwt } from "../support/access-tokens";
import { auditCount, auditPages } from "../support/audit";
import { api, type Json, programInput } from "../support/helpers";

describe("GET /api/audit", () => {
  it("filters by operator, resource and time, and pages newest first", async () => {
    const start = new Date().toISOString();
    const jwt = await accessJwt({ email: "lin@shop.example" });
    const program = await api("POST", "/programs", programInput());
    const id = program.body.id as string;
    for (const name of ["A", "B", "C"]) {
      const answer = await accessApi("PATCH", `/programs/${id}`, jwt, { body: { name } });
      expect(answer.status).toBe(200);
    }
    await api("POST", "/partners", { name: "Other" });

    const ofProgram = await auditPages(`resource_type=program&resource_id=${id}`);
    expect(ofProgram.map((e: Json) => e.fields.name)).toEqual(["C", "B", "A", "Shop"]);
    expect(ofProgram.map((e: Json) => e.operator)).toEqual([
      "lin@shop.example",
      "lin@shop.example",
      "lin@shop.example",
      "admin-token",
    ]);

    const byLin = await auditPages(`operator=${encodeURIComponent("lin@shop.example")}`, 1);
    expect(byLin).toHaveLength(3);
    const partners = await auditPages(`resource_type=partner&from=${start}`);
    expect(partners.map((e: Json) => e.fields.name)).toContain("Other");
    expect(await auditPages(`resource_type=program&resource_id=${id}&to=${start}`)).toEqual([]);
    const entry = ofProgram[0] as Json;
    expect(entry).toMatchObject({ action: "update", resource_type: "program", resource_id: id });
    expect(typeof entry.request_id).toBe("string");
    expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(Date.parse(start) - 1000);
  });

  it("refuses filters it does not know the shape of", async () => {
    const bad = await api("GET", "/audit?resource_type=planet&from=yesterday&cursor=x");
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["from", "resource_type"]);
  });

  it("can be changed by no method, with either credential", async () => {
    await api("POST", "/partners", { name: "Kept" });
    const before = await auditCount();
    const [first] = await auditPages("resource_type=partner", 1);
    const jwt = await accessJwt();
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      for (const path of ["/audit", `/audit/${(first as Json).id}`]) {
        const byToken = await api(method, path, { operator: "nobody" });
        const byAccess = await accessApi(method, path, jwt, { body: { operator: "nobody" } });
        for (const answer of [byToken, byAccess]) {
          expect([404, 405], `${method} ${path}`).toContain(answer.status);
        }
      }
    }
    expect(await auditCount()).toBe(before);
    const [after] = await auditPages("resource_type=partner", 1);
    expect(after).toEqual(first);
  });
});
