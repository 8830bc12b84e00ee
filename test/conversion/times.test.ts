import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { conversionTimesSql } from "../../src/storage/conversion-times-sql";
import { clickConversion, insertClickAt, registerConversion } from "../support/fixtures";
import { setupLink } from "../support/helpers";

describe("click-to-conversion times (npm run conversion-times)", () => {
  it("counts each goal's click conversions by how long after the click they came", async () => {
    const { program, link } = await setupLink();
    const now = Date.now();
    const delays: [string, number][] = [
      ["sale", 2_000],
      ["sale", 4_000],
      ["sale", 10_000],
      ["sale", 45_000],
      ["sale", 600_000],
      ["sale", 3 * 3_600_000],
      ["sale", 2 * 86_400_000],
      ["lead", 3_000],
    ];
    for (const [i, [goal, delay]] of delays.entries()) {
      const clickAt = now - 3 * 86_400_000 + i;
      const clickId = await insertClickAt(link, clickAt);
      const conversion = clickConversion({
        programId: program.id,
        partnerId: link.partner_id,
        clickId,
        orderId: `t-${i}`,
        amount: 100,
        at: clickAt + delay,
      });
      await registerConversion({ ...conversion, goal });
    }
    const { results } = await env.DB.prepare(conversionTimesSql).bind(program.id).all();
    expect(results).toEqual([
      { goal: "lead", bucket: "under 5 s", conversions: 1 },
      { goal: "sale", bucket: "under 5 s", conversions: 2 },
      { goal: "sale", bucket: "5-15 s", conversions: 1 },
      { goal: "sale", bucket: "30-60 s", conversions: 1 },
      { goal: "sale", bucket: "5-30 min", conversions: 1 },
      { goal: "sale", bucket: "2-24 h", conversions: 1 },
      { goal: "sale", bucket: "a day or more", conversions: 1 },
    ]);
  });
});
