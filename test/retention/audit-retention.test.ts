import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { enforceRetention } from "../../src/retention/enforce-retention";
import { insertAuditEntry, listAudit } from "../../src/storage/audit-log";

const DAY = 86_400_000;

describe("audit trail retention", () => {
  it("deletes entries older than RETENTION_DAYS and keeps the rest", async () => {
    const now = Date.now();
    const entry = (at: number, resourceId: string) => ({
      at,
      operator: "ada@shop.example",
      action: "update",
      resourceType: "program",
      resourceId,
      fields: {},
      requestId: null,
    });
    await insertAuditEntry(env.DB, entry(now - 3 * DAY, "too-old"));
    await insertAuditEntry(env.DB, entry(now - 12 * 3_600_000, "kept-recent"));
    const report = await enforceRetention({ ...env, RETENTION_DAYS: "1" }, now);
    expect(report.auditRowsDeleted).toBe(1);
    const left = await listAudit(env.DB, { operator: "ada@shop.example" }, 10, null);
    expect(left.data.map((e) => e.resourceId)).toEqual(["kept-recent"]);
  });
});
