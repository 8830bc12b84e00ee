import { describe, expect, it } from "vitest";
import { everything } from "../support/db-dump";
import { ADMIN_TOKEN, api, call, postback, setupClick } from "../support/helpers";

async function everyAdminRoute() {
  const doc = (await (await call("/api/openapi.json")).json()) as any;
  const { program, partner, link, aecid, key } = await setupClick();
  const conversion = await postback({
    key,
    id: "matrix-1",
    amount: "1",
    currency: "EUR",
    cids: aecid,
  });
  const source = await api("POST", `/programs/${program.id}/sources`, {
    type: "stripe",
    signing_secret: "whsec_auth_matrix_0123456789",
  });
  const idFor: Record<string, string> = {
    programs: program.id,
    partners: partner.id,
    links: link.id,
    conversions: conversion.body.conversion_id,
    clicks: aecid,
  };
  const base = doc.servers[0].url as string;
  const routes: { method: string; path: string }[] = [];
  for (const [template, item] of Object.entries(
    doc.paths as Record<string, Record<string, unknown>>,
  )) {
    for (const method of Object.keys(item)) {
      const area = template.split("/")[1] ?? "";
      const path = template
        .replace("{sourceId}", source.body.id)
        .replace(/\{\w+\}/g, () => idFor[area] ?? "x");
      routes.push({ method: method.toUpperCase(), path: `${base}${path}` });
    }
  }
  return routes;
}

describe("every admin route in the OpenAPI document", () => {
  it("answers 401 and changes nothing without the right token", async () => {
    const routes = await everyAdminRoute();
    expect(routes.length).toBeGreaterThanOrEqual(20);
    const before = await everything();
    const tokens = {
      none: null,
      wrong: ADMIN_TOKEN.replace(/.$/, (c) => (c === "a" ? "b" : "a")),
      "other length": `${ADMIN_TOKEN}0`,
      empty: "",
    };
    let calls = 0;
    for (const { method, path } of routes) {
      for (const [label, token] of Object.entries(tokens)) {
        const headers: Record<string, string> = { "Content-Type": "application/json" };
        if (token !== null) headers.Authorization = `Bearer ${token}`;
        const response = await call(path, {
          method,
          headers,
          body: method === "GET" ? undefined : "{}",
        });
        expect(response.status, `${method} ${path} with ${label} token`).toBe(401);
        expect(response.headers.get("Access-Control-Allow-Origin")).toBeNull();
        calls++;
      }
    }
    expect(await everything()).toBe(before);
    expect(calls).toBe(routes.length * 4);
  });

  it("documents only routes that exist", async () => {
    for (const { method, path } of await everyAdminRoute()) {
      const response = await call(path, {
        method,
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, "Content-Type": "application/json" },
        body: method === "GET" ? undefined : "{}",
      });
      expect(response.status, `${method} ${path}`).toBeLessThan(500);
      expect(response.status, `${method} ${path}`).not.toBe(404);
      expect(response.headers.get("Cache-Control"), `${method} ${path}`).toBe("no-store");
    }
  });
});
