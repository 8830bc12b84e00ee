import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, api, call, createPartner } from "../support/helpers";
import { signInPartner, withToken } from "../support/partner-session";

describe("partner API tokens", () => {
  it("are shown once, read as the partner, and cannot change the account", async () => {
    const partner = await createPartner("Scripted");
    const browser = await signInPartner(partner.id);
    const created = await browser.json("POST", "/tokens", { name: "my dashboard" });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^pt_[A-Za-z0-9_-]{43}$/);
    const listed = await browser.json("GET", "/tokens");
    expect(listed.body.data).toEqual([
      {
        id: created.body.id,
        name: "my dashboard",
        created_at: expect.any(String),
        last_used_at: null,
      },
    ]);
    const token = created.body.token as string;
    expect(await withToken(token, "GET", "/me")).toMatchObject({
      status: 200,
      body: { id: partner.id, signed_in_via: "token" },
    });
    expect((await browser.json("GET", "/tokens")).body.data[0].last_used_at).not.toBeNull();
    for (const [method, path] of [
      ["POST", "/tokens"],
      ["POST", "/sign-out-everywhere"],
      ["POST", "/sign-out"],
      ["DELETE", `/tokens/${created.body.id}`],
    ] as const) {
      const answer = await withToken(
        token,
        method,
        path,
        method === "POST" ? { name: "x" } : undefined,
      );
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.body.error.code).toBe("token_scope");
    }
    expect((await browser.fetchAs(`/tokens/${created.body.id}`, { method: "DELETE" })).status).toBe(
      204,
    );
    expect((await withToken(token, "GET", "/me")).status).toBe(401);
  });

  it("a partner cannot delete another partner's token", async () => {
    const alice = await signInPartner((await createPartner("Alice")).id);
    const bob = await signInPartner((await createPartner("Bob")).id);
    const bobs = await bob.json("POST", "/tokens", { name: "bob's" });
    expect((await alice.fetchAs(`/tokens/${bobs.body.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await withToken(bobs.body.token, "GET", "/me")).body.id).not.toBe(undefined);
    expect((await alice.json("GET", "/tokens")).body.data).toEqual([]);
  });

  it("admin and partner credentials never open the other's door", async () => {
    const partner = await createPartner();
    const browser = await signInPartner(partner.id);
    const { body } = await browser.json("POST", "/tokens", { name: "t" });
    expect((await withToken(ADMIN_TOKEN, "GET", "/me")).status).toBe(401);
    expect((await api("GET", "/partners", undefined, body.token)).status).toBe(401);
    const cookieOnAdmin = await call("/api/partners", { headers: { Cookie: browser.cookie } });
    expect(cookieOnAdmin.status).toBe(401);
    expect((await call("/api/partner/me")).status).toBe(401);
    expect((await call("/api/partner/openapi.json")).status).toBe(200);
  });
});
