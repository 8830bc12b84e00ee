import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, createPartner, ORIGIN } from "../support/helpers";
import { asBrowser, sessionCookieOf, signInPartner, withToken } from "../support/partner-session";
import {
  addPasskey,
  partnerWithPasskey,
  postSignIn,
  refusedWith,
  signInOptions,
  signInWith,
} from "../support/passkey-browser";
import { SoftAuthenticator } from "../support/soft-authenticator";

describe("partner passkeys over HTTP", () => {
  it("adds a passkey, lists it, and signs in with it into a session made by passkey", async () => {
    const { partner, browser, key, passkey } = await partnerWithPasskey();
    expect(passkey).toEqual({
      id: key.credentialId,
      name: "Laptop",
      created_at: expect.stringMatching(/Z$/),
      last_used_at: null,
    });
    expect((await browser.json("GET", "/passkeys")).body).toEqual({
      data: [passkey],
      next_cursor: null,
    });

    const answer = await signInWith(key);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      partner: { id: partner.id, name: "Alice", email: null },
    });
    const cookies = answer.headers.getSetCookie();
    expect(cookies.map((c) => /Path=([^;]+)/.exec(c)?.[1]).sort()).toEqual([
      "/api/partner",
      "/partner",
    ]);
    const fresh = asBrowser(sessionCookieOf(answer));
    expect((await fresh.json("GET", "/me")).body).toMatchObject({
      id: partner.id,
      signed_in_via: "session",
    });
    const vias = await env.DB.prepare("SELECT via FROM partner_sessions WHERE partner_id = ?1")
      .bind(partner.id)
      .all<{ via: string }>();
    expect(vias.results.map((row) => row.via).sort()).toEqual(["invite", "passkey"]);
    const [listed] = (await fresh.json("GET", "/passkeys")).body.data;
    expect(listed.last_used_at).toMatch(/Z$/);
  });

  it("offers a sign-in for this site, discoverable, and registration options for the partner", async () => {
    const { options } = await signInOptions();
    expect(options.rpId).toBe(new URL(ORIGIN).hostname);
    expect(options.allowCredentials ?? []).toEqual([]);
    const { browser, key } = await partnerWithPasskey("Bob");
    const { body } = await browser.json("POST", "/passkeys/options");
    expect(body.options.rp).toEqual({ name: "aecid-edge", id: new URL(ORIGIN).hostname });
    expect(body.options.user.displayName).toBe("Bob");
    expect(body.options.excludeCredentials.map((c: { id: string }) => c.id)).toEqual([
      key.credentialId,
    ]);
  });

  it("refuses a registration made for another origin, saving nothing", async () => {
    const partner = await createPartner();
    const browser = await signInPartner(partner.id);
    const key = await SoftAuthenticator.create();
    const added = await addPasskey(browser, key, { origin: "https://evil.example" });
    expect(added.status).toBe(400);
    expect(added.body.error.code).toBe("invalid_request");
    expect(Object.keys(added.body.error.fields)).toEqual(["response"]);
    expect((await browser.json("GET", "/passkeys")).body.data).toEqual([]);
  });

  it("deletes a passkey for its own partner only: another's answers 404", async () => {
    const alice = await partnerWithPasskey("Alice");
    const mallory = await partnerWithPasskey("Mallory");
    const path = `/passkeys/${alice.key.credentialId}`;
    const theirs = await mallory.browser.json("DELETE", path);
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe("not_found");
    expect((await signInWith(alice.key)).status).toBe(200);
    expect((await alice.browser.json("DELETE", path)).status).toBe(204);
    expect((await alice.browser.json("DELETE", path)).status).toBe(404);
    await refusedWith(await signInWith(alice.key), 401, "passkey_invalid");
  });

  it("refuses a sign-in posted from another site, and a token's passkey changes", async () => {
    const { browser } = await partnerWithPasskey();
    await refusedWith(
      await postSignIn("/options", undefined, "https://evil.example"),
      403,
      "cross_site_request",
    );
    const made = await browser.json("POST", "/tokens", { name: "script" });
    expect(made.status).toBe(201);
    expect((await withToken(made.body.token, "GET", "/passkeys")).status).toBe(200);
    const options = await withToken(made.body.token, "POST", "/passkeys/options");
    expect(options.status).toBe(403);
    expect(options.body.error.code).toBe("token_scope");
  });

  it("validates the bodies: a malformed answer is a 400 naming its field", async () => {
    const partner = await createPartner();
    const browser = await signInPartner(partner.id);
    const bad = await browser.json("POST", "/passkeys", { response: { id: "x", type: "other" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_request");
    const answer = await postSignIn("", { challenge_id: "nope", response: { id: "a" } });
    expect(answer.status).toBe(400);
  });

  it("documents its routes in the partner API's OpenAPI document", async () => {
    const doc = (await (await call("/api/partner/openapi.json")).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        "GET /passkeys",
        "POST /passkeys",
        "POST /passkeys/options",
        "DELETE /passkeys/{id}",
        "POST /sign-in/passkey",
        "POST /sign-in/passkey/options",
      ]),
    );
  });
});
