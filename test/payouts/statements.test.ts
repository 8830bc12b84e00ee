import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, api, call, type Json } from "../support/helpers";
import { payoutOf, payoutSetup, sale } from "../support/payouts";

// Payout statements (issue 28): issued when a payout is marked paid, numbered 1, 2, 3 … without
// gaps across every payout (partner order within one), never for a cancelled payout, and shown
// as a printable page.

async function allStatements() {
  const { results } = await env.DB.prepare("SELECT * FROM payout_statements ORDER BY number").all<{
    number: number;
    payout_id: string;
    partner_id: string;
    total: number;
    entries: number;
    issued_at: number;
    currency: string;
  }>();
  return results;
}

/** Every number so far is 1..N: no gap, no duplicate (the key forbids those anyway). */
async function expectGapless() {
  const numbers = (await allStatements()).map((s) => s.number);
  expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
  return numbers.length;
}

const page = (path: string) =>
  call(`/api${path}`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });

describe("payout statements", () => {
  it("are issued when a payout is paid, one per partner in partner order, and printed", async () => {
    const setup = await payoutSetup(2, { auto_approve: true, name: "Spring Shop" });
    const [a, b] = setup.partners.map((p) => p.id).sort() as [string, string];
    const ia = setup.partners.findIndex((p) => p.id === a);
    const ib = 1 - ia;
    const s1 = await sale(setup, ia, "st-1", 10_000);
    await sale(setup, ia, "st-2", 2_550);
    await sale(setup, ib, "st-3", 4_000);
    const made = await payoutOf([a, b]);
    const before = (await allStatements()).length;

    // Not paid yet: no statement.
    const early = await page(`/payouts/${made.id}/statements/${a}`);
    expect(early.status).toBe(409);
    expect((await early.json<Json>()).error.code).toBe("statement_not_issued");
    expect((await allStatements()).length).toBe(before);

    const paid = await api("POST", `/payouts/${made.id}/paid`, { reference: "SEPA-2026-12-07" });
    expect(paid.status).toBe(200);
    const mine = (await allStatements()).filter((s) => s.payout_id === made.id);
    expect(mine.map((s) => [s.number, s.partner_id, s.total, s.entries])).toEqual([
      [before + 1, a, 1255, 2],
      [before + 2, b, 400, 1],
    ]);
    expect(mine.every((s) => s.issued_at === Date.parse(paid.body.paid_at))).toBe(true);
    // A repeat changes nothing.
    expect((await api("POST", `/payouts/${made.id}/paid`, { reference: "again" })).status).toBe(
      409,
    );
    expect(await expectGapless()).toBe(before + 2);

    const answer = await page(`/payouts/${made.id}/statements/${a}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    const csp = answer.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toMatch(/^default-src 'none'; style-src 'nonce-[0-9a-f]{32}';/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("script");
    const text = await answer.text();
    const nonce = /nonce-([0-9a-f]+)/.exec(csp)?.[1];
    expect(text).toContain(`<style nonce="${nonce}">`);
    expect(text).not.toMatch(/<script/i);
    expect(text).toContain("@media print");
    expect(text).toContain(`Payout statement No. ${before + 1}`);
    expect(text).toContain("SEPA-2026-12-07");
    expect(text).toContain(s1.conversion_id);
    expect(text).toContain("st-1");
    expect(text).toContain("st-2");
    expect(text).not.toContain("st-3"); // b's entry
    expect(text).toContain("Spring Shop"); // no payer settings: the program names
    expect(text).toContain("10.00 EUR");
    expect(text).toContain("12.55 EUR");
    expect(text).toContain(paid.body.paid_at.slice(0, 10));

    // A partner not in the payout, an unknown payout: 404.
    expect((await page(`/payouts/${made.id}/statements/${"0".repeat(24)}`)).status).toBe(404);
    expect((await page(`/payouts/${"0".repeat(24)}/statements/${a}`)).status).toBe(404);
    expect((await page(`/payouts/${made.id}/statements/nope`)).status).toBe(400);
  });

  it("a cancelled payout never takes a number; a clawback prints as one", async () => {
    const setup = await payoutSetup(1, { auto_approve: true });
    const [p] = setup.partners.map((x) => x.id) as [string];
    const first = await sale(setup, 0, "cx-1", 10_000);
    const cancelled = await payoutOf([p]);
    expect((await api("POST", `/payouts/${cancelled.id}/cancel`)).status).toBe(200);
    const gone = await page(`/payouts/${cancelled.id}/statements/${p}`);
    expect(gone.status).toBe(409);
    expect((await gone.json<Json>()).error.code).toBe("statement_not_issued");
    // The first payment, then a refund (a clawback) netted in the next payout.
    const paidOne = await payoutOf([p]);
    await api("POST", `/payouts/${paidOne.id}/paid`, { reference: "r1" });
    await api("POST", `/conversions/${first.conversion_id}/refuse`, { reason: "refunded" });
    await sale(setup, 0, "cx-2", 30_000);
    const netted = await payoutOf([p]);
    await api("POST", `/payouts/${netted.id}/paid`, { reference: "r2" });
    const all = await allStatements();
    expect(all.some((s) => s.payout_id === cancelled.id)).toBe(false);
    await expectGapless();
    const text = await (await page(`/payouts/${netted.id}/statements/${p}`)).text();
    expect(text).toContain("Clawback");
    expect(text).toContain("-10.00 EUR");
    expect(text).toContain("20.00 EUR"); // the total: 30.00 − 10.00
  });

  it("20 payouts paid concurrently, each twice, take the next numbers without a gap or a twin", async () => {
    const setup = await payoutSetup(30, { auto_approve: true });
    const ids = setup.partners.map((p) => p.id);
    await Promise.all(setup.partners.map((_, i) => sale(setup, i, `cc-${i}`, 1_000 + i)));
    // Ten payouts of two partners, ten of one.
    const groups = Array.from({ length: 20 }, (_, i) =>
      i < 10 ? [ids[2 * i], ids[2 * i + 1]] : [ids[10 + i]],
    ) as string[][];
    const payouts = [];
    for (const group of groups) payouts.push(await payoutOf(group));
    const before = await expectGapless();
    const answers = await Promise.all(
      [...payouts, ...payouts].map((p, i) =>
        api("POST", `/payouts/${p.id}/paid`, { reference: `batch-${i % 20}` }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(20);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(20);
    expect(await expectGapless()).toBe(before + 30);
    const issued = (await allStatements()).slice(before);
    for (const [i, p] of payouts.entries()) {
      const own = issued.filter((s) => s.payout_id === p.id);
      // Consecutive within a payout, in partner order.
      expect(own.map((s) => s.partner_id)).toEqual([...(groups[i] as string[])].sort());
      expect(own.map((s) => s.number - (own[0]?.number ?? 0))).toEqual(own.map((_, k) => k));
    }
  });

  it("numbers a payout the previous release paid (no statements) at the next payment or read", async () => {
    const setup = await payoutSetup(2, { auto_approve: true });
    const [a, b] = setup.partners.map((p) => p.id) as [string, string];
    await sale(setup, 0, "pr-1", 5_000);
    await sale(setup, 1, "pr-2", 6_000);
    const old = await payoutOf([a]);
    // The previous release's paid write: the payout alone.
    await env.DB.prepare(
      "UPDATE payouts SET status = 'paid', reference = 'old', paid_at = ?2, updated_at = ?2 WHERE id = ?1",
    )
      .bind(old.id, Date.now())
      .run();
    const before = await expectGapless();
    expect((await page(`/payouts/${old.id}/statements/${a}`)).status).toBe(200);
    expect(await expectGapless()).toBe(before + 1);
    const next = await payoutOf([b]);
    await api("POST", `/payouts/${next.id}/paid`, { reference: "new" });
    expect(await expectGapless()).toBe(before + 2);
  });
});

describe("the statement's payer", () => {
  it("is the payer settings' debtor name then, and the page reads the same after renames", async () => {
    await env.DB.prepare(
      `INSERT OR REPLACE INTO payout_settings (id, debtor_name, debtor_bic, iban_masked, sealed, iv,
         note, updated_at) VALUES (1, 'Acme Payer SARL', 'BNPAFRPP', '{}', 'x', 'y', NULL, 1)`,
    ).run();
    const setup = await payoutSetup(1, { auto_approve: true, name: "Program Name Here" });
    const [p] = setup.partners.map((x) => x.id) as [string];
    await sale(setup, 0, "payer-1", 10_000);
    const made = await payoutOf([p]);
    await api("POST", `/payouts/${made.id}/paid`, { reference: "r" });
    const text = await (await page(`/payouts/${made.id}/statements/${p}`)).text();
    expect(text).toContain("<dd>Acme Payer SARL</dd>");
    expect(text).not.toContain("<dd>Program Name Here</dd>");

    // A numbered statement is the partner's record: the payer, the partner and the program
    // renamed afterwards change nothing on it.
    await env.DB.prepare("UPDATE payout_settings SET debtor_name = 'Renamed Payer'").run();
    // (The API has no partner rename yet; the row is what a rename would change.)
    await env.DB.prepare("UPDATE partners SET name = 'Renamed Partner' WHERE id = ?1")
      .bind(p)
      .run();
    expect(
      (await api("PATCH", `/programs/${setup.program.id}`, { name: "Renamed Program" })).status,
    ).toBe(200);
    const again = await (await page(`/payouts/${made.id}/statements/${p}`)).text();
    const withoutNonce = (html: string) => html.replace(/nonce="[^"]*"/g, "");
    expect(withoutNonce(again)).toBe(withoutNonce(text));
    for (const renamed of ["Renamed Payer", "Renamed Partner", "Renamed Program"])
      expect(again).not.toContain(renamed);
    expect(again).toContain("Program Name Here");
    expect(again).toContain("<dd>Acme Payer SARL</dd>");
  });
});
