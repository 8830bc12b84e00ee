import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, postback, setupClick } from "./helpers";

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

describe("commission and status", () => {
  it("pays a fixed commission in its own currency and auto-approves when the program says so", async () => {
    const { key, aecid } = await setupClick({
      commission: { type: "fixed", value: 700, currency: "GBP" },
      auto_approve: true,
    });
    const response = await postback({
      key,
      id: "fx-1",
      amount: "5000",
      currency: "JPY",
      cids: aecid,
    });
    expect(response.body).toMatchObject({
      amount: 5000,
      currency: "JPY",
      commission: 700,
      commission_currency: "GBP",
      conversion_status: "approved",
    });
  });

  it("rounds a percentage commission half-up in the minor unit", async () => {
    const { key, aecid } = await setupClick({ commission: { type: "percent", value: 12.5 } });
    const response = await postback({
      key,
      id: "pc-1",
      amount: "0.999",
      currency: "KWD",
      cids: aecid,
    });
    expect(response.body).toMatchObject({
      amount: 999,
      commission: 125,
      commission_currency: "KWD",
    });
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After past the program's limit per minute", async () => {
    const { key, aecid } = await setupClick({ postbacks_per_minute: 5 });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 7; i++) {
      const response = await postback({
        key,
        id: `rl-${i}`,
        amount: "1",
        currency: "EUR",
        cids: aecid,
      });
      statuses.push(response.status);
      if (response.status === 429) {
        retryAfter = response.headers.get("Retry-After");
        expect(response.body.error.code).toBe("rate_limited");
      }
    }
    expect(statuses.slice(0, 5)).toEqual([201, 409, 409, 409, 409]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  });

  it("admits at least 3,000 postbacks a minute by default", async () => {
    const { program } = await setupClick();
    expect(program.postbacks_per_minute).toBeGreaterThanOrEqual(3000);
  });
});
