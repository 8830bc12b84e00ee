import type { World } from "./isolation-world";

export type Ask = { method: string; path: string; body?: unknown };
export type Answer = { status: number; body: any };

/**
 * For every route of the partner OpenAPI document: what Alice asks of Bob's (or of a program
 * neither is in), each answered 404. A route missing here fails the test: add its case.
 */
export const FOREIGN: Record<string, (w: World) => Ask[]> = {
  "GET /programs": () => [],
  "GET /programs/{id}": (w) => [
    { method: "GET", path: `/programs/${w.programs.p2.id}` },
    { method: "GET", path: `/programs/${w.programs.p3.id}` },
  ],
  "GET /links": (w) => [{ method: "GET", path: `/links?program_id=${w.programs.p2.id}` }],
  "POST /links": (w) => [
    { method: "POST", path: "/links", body: { program_id: w.programs.p2.id } },
    { method: "POST", path: "/links", body: { program_id: w.programs.p3.id } },
  ],
  "GET /links/{id}": (w) => [{ method: "GET", path: `/links/${w.links.b1.id}` }],
  "GET /reports": (w) => [
    { method: "GET", path: `/reports?program_id=${w.programs.p2.id}` },
    { method: "GET", path: `/reports?link_id=${w.links.b1.id}` },
    { method: "GET", path: `/reports?partner_id=${w.ids.bob}` },
    { method: "GET", path: `/reports?partner_id=${w.ids.bob}&format=csv` },
  ],
  "GET /conversions": (w) => [
    { method: "GET", path: `/conversions?program_id=${w.programs.p2.id}` },
    { method: "GET", path: `/conversions?program_id=${w.programs.p3.id}&format=csv` },
  ],
  "GET /conversions/{id}": (w) =>
    w.conversions.bob.map((id) => ({ method: "GET", path: `/conversions/${id}` })),
  "GET /endpoints": () => [],
  "POST /endpoints": (w) => [
    {
      method: "POST",
      path: "/endpoints",
      body: {
        url: "https://a.example/x",
        method: "GET",
        events: ["conversion.registered"],
        program_id: w.programs.p2.id,
      },
    },
  ],
  "GET /endpoints/{id}": (w) => [{ method: "GET", path: `/endpoints/${w.endpoints.bob}` }],
  "PATCH /endpoints/{id}": (w) => [
    { method: "PATCH", path: `/endpoints/${w.endpoints.bob}`, body: { enabled: false } },
  ],
  "DELETE /endpoints/{id}": (w) => [{ method: "DELETE", path: `/endpoints/${w.endpoints.bob}` }],
  "GET /endpoints/{id}/deliveries": (w) => [
    { method: "GET", path: `/endpoints/${w.endpoints.bob}/deliveries` },
  ],
  "DELETE /tokens/{id}": (w) => [{ method: "DELETE", path: `/tokens/${w.tokens.bob.id}` }],
  "GET /tokens": () => [],
  "DELETE /passkeys/{id}": (w) => [{ method: "DELETE", path: `/passkeys/${w.passkeys.bob}` }],
  "GET /passkeys": () => [],
  // Payouts (issue 28): Bob's own payout, its statement. The shared one answers Alice's share only
  // (isolation.test.ts's lists).
  "GET /payouts": () => [],
  "GET /payouts/{id}": (w) => [{ method: "GET", path: `/payouts/${w.payouts.bob}` }],
  "GET /payouts/{id}/statement": (w) => [
    { method: "GET", path: `/payouts/${w.payouts.bob}/statement` },
  ],
};

/** Routes that name nothing and filter nothing: they speak of the signed-in partner alone. */
export const NO_ID = new Set([
  "POST /sign-in/invite",
  "GET /me",
  "POST /sign-out",
  "POST /sign-out-everywhere",
  "POST /tokens",
  // Passkeys: a new one's options and registration are the signed-in partner's own; the sign-in
  // ceremony names a credential, which then decides the partner (passkey tests: another's 401).
  "POST /passkeys/options",
  "POST /passkeys",
  "POST /sign-in/passkey/options",
  "POST /sign-in/passkey",
  // Payout details (issue 28): the signed-in partner's own, session only (a token: 403).
  "GET /payout-details",
  "PUT /payout-details",
  "DELETE /payout-details",
]);

/** What a token may do (GET anything, POST /links); anything else is 403 `token_scope`. */
export const tokenMay = (a: Ask) =>
  a.method === "GET" || (a.method === "POST" && a.path === "/links");
