import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { accessApi, accessJwt } from "../support/access-tokens";
import { auditCount, auditRowsOf } from "../support/audit";
import { insertClickAt } from "../support/fixtures";
import { api, createLink, type Json, postback, programInput, setupClick } from "../support/helpers";

/** The one audit row of a resource, checked against the answer that made it. */
async function onlyRecord(type: string, id: string, answer: { headers: Headers }) {
  const rows = await auditRowsOf(type, id);
  expect(rows).toHaveLength(1);
  const row = rows[0] as Json;
  expect(row.request_id).toBe(answer.headers.get("X-Request-Id"));
  return row;
}

describe("the audit trail records each change once", () => {
  it("programs: create, update, key rotation (never the key)", async () => {
    const created = await api("POST", "/programs", programInput({ name: "Audited" }));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const first = await onlyRecord("program", id, created);
    expect(first).toMatchObject({ operator: "admin-token", action: "create" });
    expect(first.fields).toMatchObject({ name: "Audited", allowed_domains: ["shop.example"] });

    const patched = await api("PATCH", `/programs/${id}`, { name: "Renamed", hold_days: 7 });
    expect(patched.status).toBe(200);
    const rotated = await api("POST", `/programs/${id}/rotate-key`);
    expect(rotated.status).toBe(200);
    const rows = await auditRowsOf("program", id);
    expect(rows.map((r) => r.action)).toEqual(["create", "update", "rotate_key"]);
    expect(rows[1]?.fields).toEqual({ name: "Renamed", hold_days: 7 });
    expect(rows[2]?.request_id).toBe(rotated.headers.get("X-Request-Id"));
    const trail = JSON.stringify(rows);
    for (const key of [created.body.conversion_key, rotated.body.conversion_key]) {
      expect(trail).not.toContain(key.split("-")[1]);
    }
  });

  it("partners, links and vouchers, by an Access operator", async () => {
    const jwt = await accessJwt({ email: "ada@shop.example" });
    const program = await api("POST", "/programs", programInput());
    const partner = await accessApi("POST", "/partners", jwt, { body: { name: "Bob" } });
    expect(partner.status).toBe(201);
    const row = await onlyRecord("partner", partner.body.id, partner);
    expect(row).toMatchObject({ operator: "ada@shop.example", action: "create" });

    const body = { program_id: program.body.id, partner_id: partner.body.id };
    const link = await accessApi("POST", "/links", jwt, { body, via: "cookie" });
    expect(link.status).toBe(201);
    expect(await onlyRecord("link", link.body.id, link)).toMatchObject({
      operator: "ada@shop.example",
    });
    const disabled = await api("PATCH", `/links/${link.body.id}`, { disabled: true });
    expect(disabled.status).toBe(200);
    expect((await auditRowsOf("link", link.body.id)).map((r) => [r.operator, r.action])).toEqual([
      ["ada@shop.example", "create"],
      ["admin-token", "update"],
    ]);

    const voucher = await api("POST", `/programs/${program.body.id}/vouchers`, {
      code: "SUMMER-BOB",
      partner_id: partner.body.id,
    });
    expect(voucher.status).toBe(201);
    const vrow = await onlyRecord("voucher", `${program.body.id}:SUMMER-BOB`, voucher);
    expect(vrow).toMatchObject({ action: "assign", fields: { code: "SUMMER-BOB" } });
  });

  it("endpoints: create, update, secret rotation, delete (never a secret or URL token)", async () => {
    const created = await api("POST", "/endpoints", {
      url: "https://hooks.receiver.example/in?token=partner-secret-123",
      method: "POST",
      events: ["conversion.registered"],
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await api("PATCH", `/endpoints/${id}`, { enabled: false });
    const rotated = await api("POST", `/endpoints/${id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    const deleted = await api("DELETE", `/endpoints/${id}`);
    expect(deleted.status).toBe(200);
    const rows = await auditRowsOf("endpoint", id);
    expect(rows.map((r) => r.action)).toEqual(["create", "update", "rotate_secret", "delete"]);
    expect(rows[0]?.fields.url).toBe("https://hooks.receiver.example/in?token=…");
    expect(rows[2]?.fields).toEqual({ signing_secret: "[secret]" });
    const trail = JSON.stringify(rows);
    expect(trail).not.toContain("partner-secret-123");
    for (const secret of [created.body.secret, rotated.body.secret]) {
      expect(trail).not.toContain(secret);
    }
  });

  it("conversion decisions, with the operator in the conversion's history", async () => {
    const setup = await setupClick();
    const link = await createLink(setup.program.id, setup.partner.id);
    const click = await insertClickAt(link, Date.now() - 1000);
    const registered = await postback({
      key: setup.key,
      id: "o-1",
      amount: "10",
      currency: "EUR",
      cids: click,
    });
    const id = registered.body.conversion_id as string;
    const jwt = await accessJwt({ email: "grace@shop.example" });
    const approved = await accessApi("POST", `/conversions/${id}/approve`, jwt);
    expect(approved.status).toBe(200);
    // Approving again changes nothing, and records nothing.
    expect((await api("POST", `/conversions/${id}/approve`)).status).toBe(200);
    const refused = await api("POST", `/conversions/${id}/refuse`, { reason: "fraud" });
    expect(refused.status).toBe(200);
    const rows = await auditRowsOf("conversion", id);
    expect(rows.map((r) => [r.operator, r.action, r.fields])).toEqual([
      ["grace@shop.example", "approve", { status: "approved" }],
      ["admin-token", "refuse", { status: "refused", refuse_reason: "fraud" }],
    ]);
    expect(rows[0]?.request_id).toBe(approved.headers.get("X-Request-Id"));
    const read = await api("GET", `/conversions/${id}`);
    const deciders = read.body.history.map((h: Json) => [h.field, h.operator]);
    expect(deciders).toContainEqual(["status", "grace@shop.example"]);
    expect(deciders).toContainEqual(["refuse_reason", "admin-token"]);
  });

  it("a failed change leaves no record", async () => {
    const program = await api("POST", "/programs", programInput());
    const before = await auditCount();
    const failures = [
      await api("PATCH", `/programs/${program.body.id}`, { attribution_window_days: -1 }),
      await api("PATCH", "/programs/0123456789abcdef01234567", { name: "Nobody" }),
      await api("POST", "/programs/0123456789abcdef01234567/rotate-key"),
      await api("POST", "/links", { program_id: program.body.id, partner_id: "0".repeat(24) }),
      await api("POST", "/partners", { name: "x" }, "wrong-token"),
      await api("DELETE", "/endpoints/0123456789abcdef01234567"),
    ];
    for (const failure of failures) expect(failure.status).toBeGreaterThanOrEqual(400);
    expect(await auditCount()).toBe(before);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE resource_id = ?1")
      .bind(program.body.id)
      .first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });
});
