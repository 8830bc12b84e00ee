import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { auditRowsOf } from "../support/audit";
import { api, createProgram, ORIGIN } from "../support/helpers";
import { rememberSecret } from "../support/log-capture";

const SECRET = "whsec_admin_test_0123456789abcdef";
const NEXT_SECRET = "whsec_admin_test_rotated_fedcba9876";
rememberSecret(SECRET);
rememberSecret(NEXT_SECRET);

describe("conversion sources, through the admin API", () => {
  it("creates a source with the URL to paste, stores its secret encrypted, and never answers it", async () => {
    const program = await createProgram();
    const created = await api("POST", `/programs/${program.id}/sources`, {
      type: "stripe",
      signing_secret: SECRET,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      program_id: program.id,
      type: "stripe",
      enabled: true,
      amount_basis: null,
      previous_secret_valid_until: null,
      url: `${ORIGIN}/sources/${created.body.id}`,
    });
    const read = await api("GET", `/programs/${program.id}/sources/${created.body.id}`);
    expect(read.body).toEqual(created.body);
    const listed = await api("GET", `/programs/${program.id}/sources`);
    expect(listed.body.data).toEqual([created.body]);
    // Neither answers nor rows nor the audit trail hold the secret in clear.
    const rows = JSON.stringify(await env.DB.prepare("SELECT * FROM sources").all());
    const audit = JSON.stringify(await auditRowsOf("source", created.body.id));
    for (const text of [JSON.stringify(created.body), JSON.stringify(listed.body), rows, audit]) {
      expect(text).not.toContain("admin_test");
    }
    expect(audit).toContain("[secret]");
  });

  it("defaults a Shopify source to the subtotal, and refuses an amount basis for Stripe", async () => {
    const program = await createProgram();
    const path = `/programs/${program.id}/sources`;
    const shopify = await api("POST", path, { type: "shopify", signing_secret: SECRET });
    expect(shopify.body.amount_basis).toBe("subtotal");
    const total = await api("PATCH", `${path}/${shopify.body.id}`, { amount_basis: "total" });
    expect(total.body.amount_basis).toBe("total");
    const stripe = await api("POST", path, {
      type: "stripe",
      signing_secret: SECRET,
      amount_basis: "total",
    });
    expect(stripe.status).toBe(400);
    expect(stripe.body.error.fields.amount_basis).toBeTruthy();
    const unknown = await api("POST", path, { type: "paypal", signing_secret: SECRET });
    expect(unknown.status).toBe(400);
    const short = await api("POST", path, { type: "stripe", signing_secret: "short" });
    expect(short.body.error.fields.signing_secret).toBeTruthy();
    expect(
      (
        await api("POST", `/programs/${"0".repeat(24)}/sources`, {
          type: "stripe",
          signing_secret: SECRET,
        })
      ).status,
    ).toBe(404);
  });

  it("rotates the secret with 24 hours of overlap, disables, and deletes, each audited", async () => {
    const program = await createProgram();
    const path = `/programs/${program.id}/sources`;
    const created = await api("POST", path, { type: "stripe", signing_secret: SECRET });
    const id = created.body.id as string;
    const before = Date.now();
    const rotated = await api("PATCH", `${path}/${id}`, { signing_secret: NEXT_SECRET });
    expect(rotated.status).toBe(200);
    const until = Date.parse(rotated.body.previous_secret_valid_until);
    expect(until - before).toBeGreaterThanOrEqual(86_400_000 - 1_000);
    expect(until - before).toBeLessThanOrEqual(86_400_000 + 5_000);
    const disabled = await api("PATCH", `${path}/${id}`, { enabled: false });
    expect(disabled.body.enabled).toBe(false);
    // Another program's path does not reach it.
    const other = await createProgram();
    expect((await api("GET", `/programs/${other.id}/sources/${id}`)).status).toBe(404);
    expect((await api("DELETE", `/programs/${other.id}/sources/${id}`)).status).toBe(404);
    expect((await api("DELETE", `${path}/${id}`)).body).toEqual({ id, deleted: true });
    expect((await api("GET", `${path}/${id}`)).status).toBe(404);
    const actions = (await auditRowsOf("source", id)).map((row) => row.action);
    expect(actions).toEqual(["create", "rotate_secret", "update", "delete"]);
  });
});
