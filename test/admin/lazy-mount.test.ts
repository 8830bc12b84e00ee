import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, call } from "../support/helpers";

/**
 * The admin API is loaded on the first /api request and runs as its own Hono app mounted at /api
 * (routes/router.ts): its answers of last resort must be the router's, as when it was mounted in
 * the router directly.
 */
const authorised = { Authorization: `Bearer ${ADMIN_TOKEN}` };

describe("the admin API, loaded lazily", () => {
  it("answers an unknown /api route with the spec's not_found, naming the request", async () => {
    const response = await call("/api/no-such-area/x", { headers: authorised });
    expect(response.status).toBe(404);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const body = (await response.json()) as { status: string; error: Record<string, unknown> };
    expect(body.status).toBe("rejected");
    expect(body.error.code).toBe("not_found");
    expect(body.error.request_id).toBe(response.headers.get("X-Request-Id"));
  });

  it("guards /api itself and every path under it with the token, as before", async () => {
    for (const path of ["/api", "/api/", "/api/programs", "/api/no-such-area"]) {
      const response = await call(path);
      expect(response.status, path).toBe(401);
      expect(response.headers.get("WWW-Authenticate"), path).toBe('Bearer realm="admin"');
    }
  });

  it("turns what a handler throws (a body that is not JSON) into the spec's error shape", async () => {
    const response = await call("/api/partners", {
      method: "POST",
      headers: { ...authorised, "Content-Type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.fields).toEqual({ body: "is not valid JSON" });
  });

  it("answers concurrent first requests, while it loads, with the same document", async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => call("/api/openapi.json").then((r) => r.json())),
    );
    const [first] = answers as { openapi: string; paths: Record<string, unknown> }[];
    expect(first?.openapi).toBe("3.1.0");
    expect(Object.keys(first?.paths ?? {})).toContain("/programs");
    for (const answer of answers) expect(answer).toEqual(first);
  });
});
