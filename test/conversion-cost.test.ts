import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newConversion } from "../src/domain/conversion";
import { newId } from "../src/domain/ids";
import { registerInD1 } from "../src/services/conversion-registry";
import { logEntry } from "../src/services/postback-answer";
import { setupClick } from "./helpers";
import { isWrite, spyD1 } from "./support/d1-spy";

async function rowsWrittenFor(bindCustomer: boolean) {
  const { program, aecid, partner } = await setupClick({ revenue_share: true });
  const now = Date.now();
  const conversion = newConversion(
    newId(now),
    { programId: program.id, commission: { type: "percent", value: 10 }, autoApprove: false },
    {
      orderId: "cost-1",
      amount: 1000,
      amountGiven: true,
      currency: "EUR",
      payment: null,
      customer: "cust",
      cv: null,
      vouchers: [],
      cids: [aecid],
    },
    { type: "click", partnerId: partner.id, clickId: aecid, voucher: null },
    now,
  );
  const spy = spyD1(env.DB);
  const outcome = await registerInD1(
    spy.db,
    conversion,
    bindCustomer,
    logEntry(program.id, {}, now, 201, "registered", conversion.id),
  );
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
