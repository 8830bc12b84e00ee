import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { call, ORIGIN, postback, setupClick, setupLink } from "../support/helpers";

async function expectPlainPage(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("Content-Type")).toMatch(/^text\/plain/);
  const text = await response.text();
  expect(text.length).toBeLessThan(200);
  expect(text).not.toMatch(/[{}]/);
}

async function withFallback(path: string) {
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`${ORIGIN}${path}`, { redirect: "manual" }),
    { ...env, FALLBACK_URL: "https://shop.example/home" },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

describe("a visitor never sees JSON", () => {
  it("answers a landing on the root with campaign parameters with a plain page", async () => {
    await expectPlainPage(await call("/?utm_source=x&utm_medium=email"), 404);
    await expectPlainPage(await call("/?id=1"), 404);
    await expectPlainPage(await call("/favicon.ico"), 404);
    await expectPlainPage(await call("/some/page?x=1"), 404);
  });

  it("sends the visitor to FALLBACK_URL instead, when one is set", async () => {
    for (const path of ["/?utm_source=x", "/nowhere", `/c/${"x".repeat(9000)}`]) {
      const response = await withFallback(path);
      expect(response.status, path.slice(0, 20)).toBe(302);
      expect(response.headers.get("Location")).toBe("https://shop.example/home");
    }
  });

  it("answers an oversized tracking link with a plain 414 page", async () => {
    const { link } = await setupLink();
    await expectPlainPage(await call(`/c/${link.id}?sub1=${"y".repeat(9000)}`), 414);
  });

  it("keeps JSON for machines: the admin API, /postback and a root postback, with or without its key", async () => {
    const { key, aecid } = await setupClick();
    const keyed = await call(`/?key=${key}&id=v-1&amount=1&currency=EUR&cids=${aecid}`);
    expect(keyed.status).toBe(201);
    const keyless = await postback({ id: "v-2", amount: "1", currency: "EUR", cids: aecid });
    expect(keyless.status).toBe(401);
    expect(keyless.body.error.code).toBe("invalid_key");
    const empty = await call("/?key=");
    expect(empty.status).toBe(401);
    expect(empty.headers.get("Content-Type")).toMatch(/json/);
    const api = await call("/api/nothing-here");
    expect(api.status).toBe(401);
    const unknownPostbackMethod = await call("/postback", { method: "PUT" });
    expect(unknownPostbackMethod.headers.get("Content-Type")).toMatch(/json/);
  });
});
