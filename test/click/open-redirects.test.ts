import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { isAllowedHost } from "../../src/domain/destination";
import { api, createLink, createPartner, createProgram, visit } from "../support/helpers";
import { hasControlCharacter } from "../support/hostile";

// The corpus writes the allowed domain as www.whitelisteddomain.tld and the attacker's as
// google.com / 216.58.214.206.
const ALLOWED = ["whitelisteddomain.tld"];

function expectSafe(location: string | null, payload: string) {
  expect(location, payload).not.toBeNull();
  expect(hasControlCharacter(location as string), payload).toBe(false);
  const url = new URL(location as string);
  expect(["http:", "https:"], payload).toContain(url.protocol);
  expect(isAllowedHost(url.hostname, ALLOWED), `${payload} -> ${location}`).toBe(true);
}

describe("open-redirect corpus", () => {
  it("never redirects a deep link off the allowed domains", async () => {
    const program = await createProgram({
      landing_url: "https://www.whitelisteddomain.tld/",
      allowed_domains: ALLOWED,
    });
    const partner = await createPartner();
    const link = await createLink(program.id, partner.id);
    const payloads = env.CORPORA.openRedirect;
    expect(payloads.length).toBeGreaterThan(200);
    let followed = 0;
    for (const payload of payloads) {
      const response = await visit(link.id, { query: `url=${encodeURIComponent(payload)}` });
      expect(response.status, payload).toBe(302);
      const location = response.headers.get("Location");
      expectSafe(location, payload);
      if (!location?.startsWith("https://www.whitelisteddomain.tld/?aecid=")) followed++;
    }
    // Some payloads are legitimate URLs on the allowed domain and are followed; most fall back.
    expect(followed).toBeGreaterThan(0);
    expect(followed).toBeLessThan(payloads.length / 2);
  });

  it("refuses every payload as a link destination unless it is on the allowed domains", async () => {
    const program = await createProgram({
      landing_url: "https://www.whitelisteddomain.tld/",
      allowed_domains: ALLOWED,
    });
    const partner = await createPartner();
    for (const payload of env.CORPORA.openRedirect) {
      const created = await api("POST", "/links", {
        program_id: program.id,
        partner_id: partner.id,
        destination: payload,
      });
      if (created.status === 201) {
        expectSafe(created.body.destination, payload);
        const response = await visit(created.body.id);
        expectSafe(response.headers.get("Location"), payload);
      } else {
        expect(created.status, payload).toBe(400);
        expect(created.body.error.fields).toHaveProperty("destination");
      }
    }
  });
});
