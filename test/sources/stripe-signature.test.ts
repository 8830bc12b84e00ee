import { describe, expect, it } from "vitest";
import { parseStripeSignature, verifyStripeSignature } from "../../src/sources/stripe-signature";
import { STRIPE_SECRET, stripe } from "../support/stripe";

const payload = JSON.stringify({ id: "evt_sig", object: "event", type: "charge.succeeded" });
const sign = (secret: string, timestamp?: number) =>
  stripe.webhooks.generateTestHeaderStringAsync({ payload, secret, timestamp });

describe("Stripe-Signature, checked with Web Crypto against Stripe's own package", () => {
  it("accepts what Stripe signs, and what Stripe's verifier accepts", async () => {
    const header = await sign(STRIPE_SECRET);
    expect(await verifyStripeSignature(header, payload, [STRIPE_SECRET], Date.now())).toBe(true);
    const event = await stripe.webhooks.constructEventAsync(payload, header, STRIPE_SECRET);
    expect(event.id).toBe("evt_sig");
  });

  it("refuses another secret, another body, a stale or future time, and broken headers", async () => {
    const now = Date.now();
    const header = await sign(STRIPE_SECRET);
    expect(await verifyStripeSignature(header, payload, ["whsec_other_secret_0123"], now)).toBe(
      false,
    );
    expect(await verifyStripeSignature(header, `${payload} `, [STRIPE_SECRET], now)).toBe(false);
    const seconds = Math.floor(now / 1000);
    const stale = await sign(STRIPE_SECRET, seconds - 301);
    expect(await verifyStripeSignature(stale, payload, [STRIPE_SECRET], now)).toBe(false);
    await expect(
      stripe.webhooks.constructEventAsync(payload, stale, STRIPE_SECRET),
    ).rejects.toThrow();
    const edge = await sign(STRIPE_SECRET, seconds - 299);
    expect(await verifyStripeSignature(edge, payload, [STRIPE_SECRET], now)).toBe(true);
    const future = await sign(STRIPE_SECRET, seconds + 301);
    expect(await verifyStripeSignature(future, payload, [STRIPE_SECRET], now)).toBe(false);
    for (const broken of [null, "", "t=", "v1=abc", `t=${seconds}`, "t=x,v1=00", "garbage"]) {
      const verified = await verifyStripeSignature(broken, payload, [STRIPE_SECRET], now);
      expect(verified, String(broken)).toBe(false);
    }
  });

  it("takes any of several v1 entries, under the current or the previous secret", async () => {
    const now = Date.now();
    const old = await sign("whsec_previous_secret_0123456");
    const current = await sign(STRIPE_SECRET);
    const t = parseStripeSignature(current)?.timestamp;
    const both = `t=${t},v1=${parseStripeSignature(old)?.signatures[0]},v1=${parseStripeSignature(current)?.signatures[0]},v0=ignored`;
    expect(await verifyStripeSignature(both, payload, [STRIPE_SECRET], now)).toBe(true);
    const secrets = [STRIPE_SECRET, "whsec_previous_secret_0123456"];
    expect(await verifyStripeSignature(old, payload, secrets, now)).toBe(true);
    expect(await verifyStripeSignature(old, payload, [STRIPE_SECRET], now)).toBe(false);
  });
});
