import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { relyingParty } from "../../src/partner/relying-party";

describe("the passkeys' relying party", () => {
  it("is the request's host, or PUBLIC_BASE_URL's when it is set", () => {
    expect(relyingParty({ ...env, PUBLIC_BASE_URL: "" }, "https://aecid.workers.dev/x")).toEqual({
      origin: "https://aecid.workers.dev",
      id: "aecid.workers.dev",
    });
    const behindProxy = { ...env, PUBLIC_BASE_URL: "https://track.shop.example:8443/" };
    expect(relyingParty(behindProxy, "https://aecid.workers.dev/x")).toEqual({
      origin: "https://track.shop.example:8443",
      id: "track.shop.example",
    });
  });
});
