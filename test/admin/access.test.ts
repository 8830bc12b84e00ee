import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { accessConfigOf, verifyAccessJwt } from "../../src/auth/access-jwt";
import worker from "../../src/index";
import { DOWN_TEAM_DOMAIN } from "../support/access-keys";
import { accessApi, accessJwt, unsignedJwt } from "../support/access-tokens";
import { ADMIN_TOKEN, api, call, type Json, ORIGIN, programInput } from "../support/helpers";

const keyHashOf = async (id: string) =>
  (await env.DB.prepare("SELECT key_hash FROM programs WHERE id = ?1").bind(id).first())?.key_hash;

async function expectUnauthorized(jwt: string, via: "header" | "cookie" = "header") {
  const response = await accessApi("GET", "/programs", jwt, { via });
  expect(response.status).toBe(401);
  expect(response.body.error.code).toBe("unauthorized");
  expect(response.body.error.request_id).toBe(response.headers.get("X-Request-Id"));
}

describe("Cloudflare Access JWTs on /api", () => {
  it("accepts a valid token in the Cf-Access-Jwt-Assertion header", async () => {
    const response = await accessApi("GET", "/programs", await accessJwt());
    expect(response.status).toBe(200);
  });

  it("accepts a valid token in the CF_Authorization cookie, and can change things", async () => {
    const response = await accessApi("POST", "/programs", await accessJwt(), {
      via: "cookie",
      body: programInput(),
    });
    expect(response.status).toBe(201);
  });

  it("refuses a token for another application (wrong audience)", async () => {
    await expectUnauthorized(await accessJwt({ audience: "another-application-aud" }));
  });

  it("refuses an expired token", async () => {
    await expectUnauthorized(await accessJwt({ expiresIn: -120 }));
    await expectUnauthorized(await accessJwt({ expiresIn: -120 }), "cookie");
  });

  it("refuses a token signed with a key that is not the team's", async () => {
    await expectUnauthorized(await accessJwt({ key: "stranger" }));
  });

  it("refuses an unsigned token (alg: none)", async () => {
    await expectUnauthorized(unsignedJwt());
  });

  it("refuses a token from another team (its issuer)", async () => {
    await expectUnauthorized(
      await accessJwt({ issuer: "https://other-team.cloudflareaccess.com" }),
    );
  });

  it("refuses garbage and a token without an email", async () => {
    for (const garbage of ["garbage", "a.b.c", "e30.e30.", "x".repeat(9000)]) {
      await expectUnauthorized(garbage);
    }
    await expectUnauthorized(await accessJwt({ email: "" }));
  });

  it("refuses a change by Access from another site's page (403), and leaves it undone", async () => {
    const program = await api("POST", "/programs", programInput());
    const before = await keyHashOf(program.body.id);
    const response = await call(`/api/programs/${program.body.id}/rotate-key`, {
      method: "POST",
      headers: {
        Cookie: `CF_Authorization=${await accessJwt()}`,
        Origin: "https://evil.example",
        "Content-Type": "application/x-www-form-urlencoded",
      },
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as Json).error.code).toBe("cross_site_request");
    expect(await keyHashOf(program.body.id)).toBe(before);
  });

  it("refuses a token signed by another key under the team key's kid", async () => {
    await expectUnauthorized(await accessJwt({ key: "stranger", kid: "team-key-1" }));
  });

  it("still takes ADMIN_TOKEN with Access on, and a wrong token falls through to 401", async () => {
    expect((await api("GET", "/programs")).status).toBe(200);
    expect((await api("GET", "/programs", undefined, "wrong-token")).status).toBe(401);
  });
});

describe("when the team's keys cannot be fetched", () => {
  it("answers 503 access_unavailable with Retry-After, and ADMIN_TOKEN still works", async () => {
    const down = { ...env, ACCESS_TEAM_DOMAIN: DOWN_TEAM_DOMAIN };
    const jwt = await accessJwt({ issuer: `https://${DOWN_TEAM_DOMAIN}` });
    const ask = async (headers: Record<string, string>) => {
      const ctx = createExecutionContext();
      const request = new Request(`${ORIGIN}/api/programs`, { headers });
      const response = await worker.fetch(request, down, ctx);
      await waitOnExecutionContext(ctx);
      return response;
    };
    const response = await ask({ "Cf-Access-Jwt-Assertion": jwt });
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).not.toBeNull();
    const body = (await response.json()) as Json;
    expect(body.error).toMatchObject({ code: "access_unavailable" });
    expect(body.error.request_id).toBe(response.headers.get("X-Request-Id"));
    expect((await ask({ Authorization: `Bearer ${ADMIN_TOKEN}` })).status).toBe(200);
  });
});

describe("the Access verifier", () => {
  it("is off unless both vars are set", async () => {
    expect(accessConfigOf({ ...env, ACCESS_AUD: "" })).toBeNull();
    expect(accessConfigOf({ ...env, ACCESS_TEAM_DOMAIN: " " })).toBeNull();
    expect(accessConfigOf(env)).toMatchObject({ teamDomain: env.ACCESS_TEAM_DOMAIN });
  });

  it("names the operator by the token's email", async () => {
    const config = accessConfigOf(env);
    if (!config) throw new Error("Access is configured in tests");
    const verdict = await verifyAccessJwt(await accessJwt({ email: "grace@shop.example" }), config);
    expect(verdict).toEqual({ kind: "operator", email: "grace@shop.example" });
  });

  it("says the keys are unavailable (not the token invalid) when the certs URL fails", async () => {
    const config = accessConfigOf({ ...env, ACCESS_TEAM_DOMAIN: DOWN_TEAM_DOMAIN });
    if (!config) throw new Error("Access is configured in tests");
    const jwt = await accessJwt({ issuer: `https://${DOWN_TEAM_DOMAIN}` });
    expect(await verifyAccessJwt(jwt, config)).toEqual({ kind: "keys_unavailable" });
  });
});
