import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  auditId,
  auditStatement,
  deleteAuditBefore,
  insertAuditEntry,
  listAudit,
  type NewAuditEntry,
} from "../../src/storage/audit-log";
import { runWith } from "../../src/storage/run-with";

const db = env.DB;
const entry = (overrides: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
  at: 1_700_000_000_000,
  operator: "admin-token",
  action: "update",
  resourceType: "partner",
  resourceId: "p-store",
  fields: { name: "X" },
  requestId: "req-1",
  ...overrides,
});

describe("audit-log storage", () => {
  it("writes the entry only when the change before it changed a row", async () => {
    const missing = db.prepare("UPDATE partners SET name = 'x' WHERE id = 'no-such-partner'");
    await runWith(db, missing, [auditStatement(db, entry({ resourceId: "p-none" }))]);
    const none = await listAudit(db, { resourceId: "p-none" }, 10, null);
    expect(none.data).toEqual([]);

    await db
      .prepare(
        "INSERT INTO partners (id, name, email, created_at) VALUES ('p-store', 'A', NULL, 1)",
      )
      .run();
    const change = db.prepare("UPDATE partners SET name = 'B' WHERE id = 'p-store'");
    const result = await runWith(db, change, [auditStatement(db, entry())]);
    expect(result.meta.changes).toBe(1);
    const page = await listAudit(db, { resourceId: "p-store" }, 10, null);
    expect(page.data).toEqual([expect.objectContaining({ ...entry(), id: expect.any(String) })]);
  });

  it("filters, pages newest first, and keeps one millisecond's entries in order", async () => {
    for (let i = 0; i < 5; i++) {
      await insertAuditEntry(db, entry({ at: 2_000, resourceId: "r-page", fields: { i } }));
    }
    await insertAuditEntry(db, entry({ at: 3_000, resourceId: "r-page", operator: "a@b.example" }));
    const first = await listAudit(db, { resourceId: "r-page" }, 4, null);
    expect(first.data.map((e) => e.fields.i ?? "last")).toEqual(["last", 4, 3, 2]);
    expect(first.next_cursor).not.toBeNull();
    const byOperator = await listAudit(db, { operator: "a@b.example" }, 10, null);
    expect(byOperator.data).toHaveLength(1);
    const window = await listAudit(db, { resourceId: "r-page", from: 2_000, to: 3_000 }, 10, null);
    expect(window.data).toHaveLength(5);
    expect(auditId(5).slice(0, 12)).toBe("000000000005");
  });

  it("deletes entries older than the cutoff, oldest first, a batch at a time", async () => {
    for (const at of [10, 20, 30]) await insertAuditEntry(db, entry({ at, resourceId: "r-old" }));
    expect(await deleteAuditBefore(db, 25, 1)).toBe(1);
    expect(await deleteAuditBefore(db, 25, 10)).toBe(1);
    const left = await listAudit(db, { resourceId: "r-old" }, 10, null);
    expect(left.data.map((e) => e.at)).toEqual([30]);
  });
});
