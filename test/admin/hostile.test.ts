import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { isAllowedHost, normaliseDomain } from "../../src/domain/destination";
import { charLength } from "../../src/domain/text";
import { insertClickAt } from "../support/fixtures";
import { api, createLink, postback, programInput, setupClick } from "../support/helpers";

const naughty = env.CORPORA.naughtyStrings;

function clean(response: { status: number }, label: string) {
  expect(response.status, label).toBeLessThan(500);
}

describe("naughty strings in admin bodies", () => {
  it("never cause a 5xx, and what is accepted is stored within its rule", async () => {
    const { program, partner } = await setupClick();
    const link = await createLink(program.id, partner.id);
    for (const [i, s] of naughty.entries()) {
      const label = `#${i} ${JSON.stringify(s).slice(0, 40)}`;
      const createdPartner = await api("POST", "/partners", { name: s, email: s });
      clean(createdPartner, label);
      const namedPartner = await api("POST", "/partners", { name: s });
      clean(namedPartner, label);
      if (namedPartner.status === 201) {
        expect(namedPartner.body.name).toBe(s.trim());
        expect(charLength(namedPartner.body.name)).toBeLessThanOrEqual(200);
      }
      const createdProgram = await api("POST", "/programs", {
        ...programInput(),
        name: s,
        landing_url: s,
        allowed_domains: [s],
        first_party_cookie_domain: s,
        commission: { type: "fixed", value: 1, currency: s },
      });
      clean(createdProgram, label);
      const namedProgram = await api(
        "POST",
        "/programs",
        programInput({ name: s, first_party_cookie_domain: s }),
      );
      clean(namedProgram, label);
      if (namedProgram.status === 201) {
        expect(namedProgram.body.first_party_cookie_domain).toBe(normaliseDomain(s));
      }
      const destination = await api("PATCH", `/links/${link.id}`, { destination: s });
      clean(destination, label);
      if (destination.status === 200)
        expect(
          isAllowedHost(new URL(destination.body.destination).hostname, ["shop.example"]),
        ).toBe(true);
      clean(await api("POST", "/links", { program_id: s, partner_id: s, destination: s }), label);
      const voucher = await api("POST", `/programs/${program.id}/vouchers`, {
        code: s,
        partner_id: partner.id,
      });
      clean(voucher, label);
      if (voucher.status < 300) {
        expect(voucher.body.code).toBe(s);
        expect(charLength(s)).toBeLessThanOrEqual(64);
      }
      clean(
        await api(
          "GET",
          `/conversions?program_id=${encodeURIComponent(s)}&status=${encodeURIComponent(s)}&from=${encodeURIComponent(s)}`,
        ),
        label,
      );
      clean(await api("GET", `/partners?cursor=${encodeURIComponent(s)}`), label);
    }
    // Hundreds of strings through real D1: no assertion depends on time, a loaded machine only
    // makes it slower.
  }, 300_000);

  it("store a refusal reason as sent (trimmed, at most 500 characters)", async () => {
    const { program, partner, key } = await setupClick();
    for (const [i, s] of naughty.slice(0, 120).entries()) {
      const click = await insertClickAt(
        await createLink(program.id, partner.id),
        Date.now() - 1000,
      );
      const conversion = await postback({
        key,
        id: `n-${i}`,
        amount: "1",
        currency: "EUR",
        cids: click,
      });
      const refused = await api("POST", `/conversions/${conversion.body.conversion_id}/refuse`, {
        reason: s,
      });
      clean(refused, `#${i}`);
      if (refused.status === 200)
        expect(refused.body.refuse_reason).toBe(s.trim() === "" ? null : s.trim());
    }
    // Hundreds of strings through real D1: no assertion depends on time, a loaded machine only
    // makes it slower.
  }, 300_000);
});
