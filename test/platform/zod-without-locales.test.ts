import { z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import * as zod from "zod/v4";
import * as core from "zod/v4/core";

// wrangler.toml aliases "zod" to src/platform/zod/index.ts; vitest.config.ts does the same.
describe("zod without its locales", () => {
  it("is the z that @hono/zod-openapi hands out", () => {
    expect(z.locales).toEqual({});
    expect(z.core.locales).toEqual({});
  });

  it("has every other export of zod's, the same values", () => {
    const own = new Set(["z", "default", "locales", "core"]);
    const ours = z as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(zod).filter(([k]) => !own.has(k))) {
      expect(ours[key], key).toBe(value);
    }
    const ourCore = z.core as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(core).filter(([k]) => k !== "locales")) {
      expect(ourCore[key], `core.${key}`).toBe(value);
    }
  });

  it("still says what is wrong, in English, and knows .openapi()", () => {
    const result = z.object({ name: z.string() }).safeParse({ name: 1 });
    expect(result.error?.issues[0]?.message).toBe(
      "Invalid input: expected string, received number",
    );
    expect(typeof z.string().openapi).toBe("function");
  });
});
