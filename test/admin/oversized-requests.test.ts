import { describe, expect, it } from "vitest";
import { api, call, setupClick } from "../support/helpers";

describe("oversized requests", () => {
  it("answers 414 to a 20 kB query on every surface", async () => {
    const { link, key } = await setupClick();
    const long = "x".repeat(20_000);
    for (const path of [
      `/?key=${key}&cv=${long}`,
      `/postback?cv=${long}`,
      `/api/programs?cursor=${long}`,
    ]) {
      const response = await call(path);
      expect(response.status, path.slice(0, 20)).toBe(414);
      expect(((await response.json()) as any).error.code).toBe("uri_too_long");
    }
    // A visitor never gets JSON, not even for an oversized link.
    for (const path of [
      `/c/${link.id}?sub1=${long}`,
      `/i/${link.id}?q=${long}`,
      `/?utm_source=${long}`,
    ]) {
      const response = await call(path);
      expect(response.status, path.slice(0, 20)).toBe(414);
      expect(response.headers.get("Content-Type"), path.slice(0, 20)).toMatch(/^text\/plain/);
      expect(await response.text()).not.toContain("{");
    }
  });

  it("answers 413 to a 1 MB JSON body, on postbacks and the admin API", async () => {
    const body = JSON.stringify({ name: "x".repeat(1_000_000) });
    const admin = await call("/api/partners", {
      method: "POST",
      headers: {
        Authorization: `Bearer ${(await import("../support/helpers")).ADMIN_TOKEN}`,
        "Content-Type": "application/json",
      },
      body,
    });
    expect(admin.status).toBe(413);
    const postback = await call("/postback", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body,
    });
    expect(postback.status).toBe(413);
    // And without a token, the admin API still answers 401 first.
    const anonymous = await call("/api/partners", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body,
    });
    expect(anonymous.status).toBe(401);
    expect((await api("GET", "/partners")).status).toBe(200);
  });
});
