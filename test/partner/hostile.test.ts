import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { charLength } from "../../src/domain/text";
import { call, createPartner, createProgram, ORIGIN } from "../support/helpers";
import { expectCleanAnswer } from "../support/hostile";
import { signInPartner } from "../support/partner-session";

const naughty = env.CORPORA.naughtyStrings;
// A header value cannot hold CR, LF or NUL: such strings are sent in bodies only.
const headerSafe = (s: string) => !/[\r\n\0]/.test(s) && [...s].every((c) => c.charCodeAt(0) < 128);

describe("naughty strings at the partner portal's doors", () => {
  it("never cause a 5xx, sign nobody in, and what is kept stays within its rule", async () => {
    const partner = await createPartner();
    const browser = await signInPartner(partner.id);
    const program = await createProgram({ applications_open: true });
    for (const [i, s] of naughty.entries()) {
      const label = `#${i} ${JSON.stringify(s).slice(0, 40)}`;
      const signIn = await call("/api/partner/sign-in/invite", {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: ORIGIN },
        body: JSON.stringify({ token: s }),
      });
      await expectCleanAnswer(signIn, label);
      expect(signIn.status, label).not.toBe(200);
      if (headerSafe(s)) {
        const asCookie = await call("/api/partner/me", {
          headers: { Cookie: `aecid_partner=${s}` },
        });
        await expectCleanAnswer(asCookie, label);
        expect(asCookie.status, label).toBe(401);
        const asBearer = await call("/api/partner/me", {
          headers: { Authorization: `Bearer ${s}` },
        });
        await expectCleanAnswer(asBearer, label);
        expect(asBearer.status, label).toBe(401);
      }
      const token = await browser.fetchAs("/tokens", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: s }),
      });
      await expectCleanAnswer(token, label);
      if (token.status === 201) {
        const { name } = (await token.json()) as { name: string };
        expect(name, label).toBe(s.trim());
        expect(charLength(name), label).toBeLessThanOrEqual(100);
      }
      const applied = await call(`/join/${program.id}`, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "CF-Connecting-IP": `203.0.113.${i % 250}`,
        },
        body: new URLSearchParams({ name: s, email: s, website: s, promotion: s }).toString(),
      });
      await expectCleanAnswer(applied, label);
      // What the form answers back is escaped: the string never appears as markup.
      if (s.includes("<script")) expect(await applied.text(), label).not.toContain(s);
    }
    // Hundreds of strings through real D1: no assertion depends on time, a loaded machine only
    // makes it slower.
  }, 300_000);
});
