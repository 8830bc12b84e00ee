import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, setupClick } from "../support/helpers";

describe("POST /postback", () => {
  it("takes JSON, with the key in the body, and numbers or lists as values", async () => {
    const { key, aecid } = await setupClick();
    const response = await call("/postback", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        key,
        id: "j-1",
        amount: 42.5,
        currency: "usd",
        cids: ["nope", aecid],
        payment: "Online",
      }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await response.json()).toMatchObject({ amount: 4250, currency: "USD", click_id: aecid });
    const stored = await env.DB.prepare(
      "SELECT payment FROM conversions WHERE order_id = 'j-1'",
    ).first<{ payment: string }>();
    expect(stored?.payment).toBe("online");
  });

  it("takes a form, with the key as a bearer token", async () => {
    const { key, aecid } = await setupClick();
    const response = await call("/postback", {
      method: "POST",
      headers: {
        Authorization: `Bearer ${key}`,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({
        id: "form-1",
        amount: "10",
        currency: "EUR",
        cids: aecid,
      }).toString(),
    });
    expect(response.status).toBe(201);
  });

  it("refuses broken JSON, other media types and oversized bodies clearly", async () => {
    const { key } = await setupClick();
    const broken = await call("/postback", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{",
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as any).error.fields).toHaveProperty("body");
    const xml = await call(`/postback?key=${key}`, {
      method: "POST",
      headers: { "Content-Type": "text/xml" },
      body: "<a/>",
    });
    expect(xml.status).toBe(415);
    const huge = await call("/postback", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ key, id: "big", currency: "EUR", cv: "x".repeat(1_000_000) }),
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as any).error.code).toBe("payload_too_large");
  });

  it("serves GET /postback like GET /?key=…, and a bare / as not found", async () => {
    const { key, aecid } = await setupClick();
    const response = await call(`/postback?key=${key}&id=g-1&amount=1&currency=EUR&cids=${aecid}`);
    expect(response.status).toBe(201);
    expect((await call("/")).status).toBe(404);
  });
});
