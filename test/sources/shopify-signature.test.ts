import "@shopify/shopify-api/adapters/cf-worker";
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import { describe, expect, it } from "vitest";
import { verifyShopifySignature } from "../../src/sources/shopify-signature";
import { setupClick } from "../support/helpers";
import {
  createShopifySource,
  SHOPIFY_SECRET,
  sendShopify,
  shopifyHeaders,
} from "../support/shopify";
import { orderBody } from "./shopify-fixtures";

/**
 * Shopify's own validator (`shopify.webhooks.validate`, on its Cloudflare Workers adapter: it
 * runs inside workerd) judges the deliveries the tests send, and the Worker's verifier must
 * judge them the same.
 */
const shopify = shopifyApi({
  apiKey: "aecid-edge-tests",
  apiSecretKey: SHOPIFY_SECRET,
  apiVersion: ApiVersion.July25,
  hostName: "track.shop.example",
  isEmbeddedApp: false,
  logger: { level: 0 },
});

async function shopifySays(payload: string, headers: Record<string, string>) {
  const rawRequest = new Request("https://track.shop.example/sources/x", {
    method: "POST",
    headers,
    body: payload,
  });
  return shopify.webhooks.validate({ rawBody: payload, rawRequest });
}

describe("Shopify webhook signatures", () => {
  it("signs as Shopify's validator expects, and the Worker agrees with it either way", async () => {
    const payloads = [
      JSON.stringify(orderBody()),
      JSON.stringify({ note: "ünïcödé ✓", emoji: "🛒" }),
      "{}",
    ];
    for (const payload of payloads) {
      const headers = await shopifyHeaders("orders/paid", payload);
      const valid = await shopifySays(payload, headers);
      expect(valid).toMatchObject({ valid: true, topic: "ORDERS_PAID" });
      const hmac = headers["X-Shopify-Hmac-Sha256"] as string;
      expect(await verifyShopifySignature(hmac, payload, [SHOPIFY_SECRET])).toBe(true);
      // One byte changed: both refuse.
      const tampered = `${payload} `;
      expect((await shopifySays(tampered, headers)).valid).toBe(false);
      expect(await verifyShopifySignature(hmac, tampered, [SHOPIFY_SECRET])).toBe(false);
      const other = await shopifyHeaders("orders/paid", payload, { secret: "another_secret" });
      expect((await shopifySays(payload, other)).valid).toBe(false);
      const otherHmac = other["X-Shopify-Hmac-Sha256"] as string;
      expect(await verifyShopifySignature(otherHmac, payload, [SHOPIFY_SECRET])).toBe(false);
      // During a rotation either secret in force verifies.
      expect(
        await verifyShopifySignature(otherHmac, payload, [SHOPIFY_SECRET, "another_secret"]),
      ).toBe(true);
    }
    for (const header of [null, "", "not base64", "a".repeat(44), "=".repeat(44)]) {
      expect(await verifyShopifySignature(header, "{}", [SHOPIFY_SECRET])).toBe(false);
    }
  });

  it("answers a bad or missing signature 400 invalid_signature and registers nothing", async () => {
    const { program, aecid } = await setupClick();
    const source = await createShopifySource(program.id);
    const order = orderBody({ note_attributes: [{ name: "aecid", value: aecid }] });
    for (const options of [{ hmac: null }, { hmac: "" }, { secret: "whatever_else" }]) {
      const answer = await sendShopify(source.id, "orders/paid", order, options);
      expect(answer).toMatchObject({ status: 400, body: { error: { code: "invalid_signature" } } });
    }
    const signed = await sendShopify(source.id, "orders/paid", order);
    expect(signed.status).toBe(201);
  });
});
