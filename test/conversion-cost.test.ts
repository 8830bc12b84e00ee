import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { setupClick } from "./helpers";
import { isWrite, spyD1 } from "./support/d1-spy";
import { clickConversion, registerConversion } from "./support/fixtures";

async function rowsWrittenFor(bindCustomer: boolean) {
  const { program, aecid, partner } = await setupClick({ revenue_share: true });
  const _now = Date.now();
  const conversion = clickConversion({
    programId: program.id,
    partnerId: partner.id,
    clickId: aecid,
    orderId: "cost-1",
    amount: 1000,
    at: Date.now(),
    customer: "cust",
  });
  const spy = spyD1(env.DB);
  const outcome = await registerConversion(conversion, spy.db, bindCustomer);
  expect(outcome.kind).toBe("registered");
  return spy.statements.filter(isWrite).reduce((sum, s) => sum + (s.rowsWritten ?? 0), 0);
}

describe("D1 rows written per conversion (billed, index entries included)", () => {
  it("is 5 for a conversion with its log row, 6 when it also binds a revenue-share customer", async () => {
    const plain = await rowsWrittenFor(false);
    const withBinding = await rowsWrittenFor(true);
    console.log(
      `rows written per conversion: ${plain} (with revenue-share binding: ${withBinding})`,
    );
    expect(plain).toBe(5);
    expect(withBinding).toBe(6);
    expect(withBinding).toBeLessThanOrEqual(8);
  });
});
