import { describe, expect, it } from "vitest";
import { everything } from "../support/db-dump";
import { ADMIN_TOKEN, call, createPartner, ORIGIN } from "../support/helpers";
import { signInPartner } from "../support/partner-session";

/** Every route of the partner OpenAPI document, its path parameters filled with a hex ID. */
async function everyPartnerRoute() {
  const doc = (await (await call("/api/partner/openapi.json")).json()) as {
    servers: { url: string }[];
    paths: Record<string, Record<string, unknown>>;
  };
  const base = doc.servers[0]?.url ?? "";
  const routes: { method: string; path: string }[] = [];
  for (const [template, item] of Object.entries(doc.paths))
    for (const method of Object.keys(item))
      routes.push({
        method: method.toUpperCase(),
        path: `${base}${template.replace(/\{\w+\}/g, "0123456789abcdef01234567")}`,
      });
  return routes;
}

const isSignIn = (path: string) => path.startsWith("/api/partner/sign-in/");

describe("every partner route in its OpenAPI document", () => {
  it("answers 401 and changes nothing without a partner's credential", async () => {
    const routes = await everyPartnerRoute();
    expect(routes.filter((r) => !isSignIn(r.path)).length).toBeGreaterThanOrEqual(6);
    // A session that ended: its cookie must open nothing either.
    const ended = await signInPartner((await createPartner()).id);
    await ended.fetchAs("/sign-out", { method: "POST" });
    const before = await everything();
    const credentials: Record<string, Record<string, string>> = {
      none: {},
      "admin token": { Authorization: `Bearer ${ADMIN_TOKEN}` },
      "made-up partner token": { Authorization: `Bearer pt_${"x".repeat(43)}` },
      "malformed bearer": { Authorization: "Bearer" },
      "ended session": { Cookie: ended.cookie },
      "made-up session": { Cookie: `aecid_partner=ps_${"y".repeat(43)}` },
    };
    let calls = 0;
    for (const { method, path } of routes) {
      if (isSignIn(path)) continue;
      for (const [label, headers] of Object.entries(credentials)) {
        const response = await call(path, {
          method,
          headers: { "Content-Type": "application/json", Origin: ORIGIN, ...headers },
          body: method === "GET" ? undefined : "{}",
        });
        expect(response.status, `${method} ${path} with ${label}`).toBe(401);
        expect(response.headers.get("Access-Control-Allow-Origin")).toBeNull();
        expect(response.headers.getSetCookie()).toEqual([]);
        calls++;
      }
    }
    expect(await everything()).toBe(before);
    expect(calls).toBeGreaterThan(0);
  });
});
