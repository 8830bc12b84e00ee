import { describe, expect, it } from "vitest";
import { notAClick } from "../../src/domain/visitors";
import { HUMAN_UA } from "../support/helpers";

const visit = (overrides: Partial<Parameters<typeof notAClick>[0]>) =>
  notAClick({ method: "GET", userAgent: HUMAN_UA, secPurpose: null, purpose: null, ...overrides });

describe("notAClick", () => {
  it("lets a browser through", () => {
    expect(visit({})).toBeNull();
    expect(
      visit({
        userAgent:
          "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
      }),
    ).toBeNull();
  });

  it("names HEAD, prefetches and missing user agents", () => {
    expect(visit({ method: "HEAD" })).toBe("head");
    expect(visit({ secPurpose: "prefetch" })).toBe("prefetch");
    expect(visit({ secPurpose: "prefetch;prerender" })).toBe("prefetch");
    expect(visit({ purpose: "prefetch" })).toBe("prefetch");
    expect(visit({ userAgent: null })).toBe("bot");
    expect(visit({ userAgent: "  " })).toBe("bot");
  });

  it("recognises the crawlers and link-preview bots the spec names", () => {
    for (const ua of [
      "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
      "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
      "Twitterbot/1.0",
      "WhatsApp/2.23.20.0",
      "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
      "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
      "TelegramBot (like TwitterBot)",
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
      "curl/8.5.0",
    ]) {
      expect(visit({ userAgent: ua }), ua).toBe("bot");
    }
  });
});
