import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { idSeconds } from "../../src/domain/ids";
import { CLICK_DATABASES, clickRow, waitForClicks } from "../support/click-rows";
import {
  aecidOf,
  api,
  call,
  createLink,
  linkClicks,
  setupLink,
  visit,
  waitForCount,
} from "../support/helpers";

const stored = (aecid: string) => waitForClicks("id = unhex(?1)", [aecid], 1);

describe("GET /c/:linkId", () => {
  it("redirects at once with a fresh aecid, then stores the click", async () => {
    const { program, partner, link } = await setupLink();
    const before = Math.floor(Date.now() / 1000);
    const response = await visit(link.id, {
      query: "sub1=news&sub2=banner&sub5=x",
      headers: { Referer: "https://blog.partner.example/post/1?secret=1" },
      cf: { country: "FR" },
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(response.headers.get("Set-Cookie")).toBeNull();
    const aecid = aecidOf(response) as string;
    expect(aecid).toMatch(/^[0-9a-f]{24}$/);
    expect(idSeconds(aecid)).toBeGreaterThanOrEqual(before);
    expect(response.headers.get("Location")).toBe(
      `https://shop.example/landing?utm_source=aff&aecid=${aecid}`,
    );

    expect(await stored(aecid)).toBe(1);
    const read = await api("GET", `/clicks/${aecid.toUpperCase()}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      aecid,
      link_id: link.id,
      program_id: program.id,
      partner_id: partner.id,
      sub1: "news",
      sub2: "banner",
      sub3: null,
      sub5: "x",
      country: "FR",
      referer_host: "blog.partner.example",
    });
    expect(read.body.ip_hash).toMatch(/^[0-9a-f]{32}$/);
    // The user agent is kept as a device label (and a hash): the admin API shows the label.
    expect(read.body.user_agent).toBe("Chrome 131 / Windows / desktop");
  });

  it("keeps the raw IP out of D1 entirely", async () => {
    const { link } = await setupLink();
    const ip = "198.51.100.213";
    const aecid = aecidOf(await visit(link.id, { headers: { "CF-Connecting-IP": ip } })) as string;
    expect(await stored(aecid)).toBe(1);
    for (const db of CLICK_DATABASES()) {
      const tables = await db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all<{ name: string }>();
      for (const { name } of tables.results) {
        if (name.startsWith("_cf") || name.startsWith("sqlite")) continue;
        const dump = JSON.stringify((await db.prepare(`SELECT * FROM "${name}"`).all()).results);
        expect(dump, name).not.toContain(ip);
      }
    }
  });

  it("follows a deep link on the allowed domains, replacing an aecid in it", async () => {
    const { link } = await setupLink();
    const deep = encodeURIComponent("https://www.shop.example/p/42?color=red&aecid=forged#reviews");
    const response = await visit(link.id, { query: `url=${deep}` });
    const aecid = aecidOf(response);
    expect(response.headers.get("Location")).toBe(
      `https://www.shop.example/p/42?color=red&aecid=${aecid}#reviews`,
    );
    const offList = await visit(link.id, {
      query: `url=${encodeURIComponent("https://evil.example/")}`,
    });
    expect(offList.headers.get("Location")).toMatch(
      /^https:\/\/shop\.example\/landing\?utm_source=aff&aecid=/,
    );
  });

  it("cuts sub-IDs at 255 characters", async () => {
    const { link } = await setupLink();
    const long = "é".repeat(300);
    const aecid = aecidOf(
      await visit(link.id, { query: `sub3=${encodeURIComponent(long)}` }),
    ) as string;
    expect(await stored(aecid)).toBe(1);
    expect((await clickRow(aecid))?.sub3).toBe("é".repeat(255));
  });

  it("gives bots, prefetches and HEAD the redirect without aecid, no click, and counts them", async () => {
    const { link } = await setupLink();
    const cases: { headers?: Record<string, string>; method?: string }[] = [
      { headers: { "User-Agent": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)" } },
      { headers: { "User-Agent": "facebookexternalhit/1.1" } },
      { headers: { "Sec-Purpose": "prefetch" } },
      { headers: { Purpose: "prefetch" } },
      { method: "HEAD" },
    ];
    for (const options of cases) {
      const response = await visit(link.id, options);
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe("https://shop.example/landing?utm_source=aff");
    }
    const counted = await waitForCount(
      "SELECT coalesce(sum(bot_hits), 0) AS n FROM daily_link_counts WHERE link_id = ?1",
      [link.id],
      cases.length,
    );
    expect(counted).toBe(cases.length);
    expect(await linkClicks(link.id)).toBe(0);
  });

  it("answers a plain 404 for unknown, malformed and disabled links", async () => {
    const { link } = await setupLink();
    await api("PATCH", `/links/${link.id}`, { disabled: true });
    for (const id of ["nosuchlink1", "bad id!", "x", link.id]) {
      const response = await call(`/c/${encodeURIComponent(id)}`);
      expect(response.status, id).toBe(404);
      expect(response.headers.get("Content-Type")).toContain("text/plain");
      expect(await response.text()).toContain("Unknown or disabled link");
    }
  });

  it("sets the first-party cookie when the tracking domain is under the advertiser's", async () => {
    const { link } = await setupLink({
      first_party_cookie_domain: "shop.example",
      attribution_window_days: 7,
    });
    const response = await visit(link.id);
    const aecid = aecidOf(response);
    expect(response.headers.get("Set-Cookie")).toBe(
      `aecid=${aecid}; Max-Age=604800; Domain=shop.example; Path=/; HttpOnly; Secure; SameSite=Lax`,
    );
  });
});

describe("GET /i/:linkId", () => {
  it("answers a transparent GIF and counts human impressions only", async () => {
    const { program, partner } = await setupLink();
    const link = await createLink(program.id, partner.id);
    const pixel = await call(`/i/${link.id}`, {
      headers: { "User-Agent": "Mozilla/5.0 Firefox/130.0" },
    });
    expect(pixel.status).toBe(200);
    expect(pixel.headers.get("Content-Type")).toBe("image/gif");
    expect(pixel.headers.get("Cache-Control")).toBe("private, no-store");
    const bytes = new Uint8Array(await pixel.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 6))).toBe("GIF89a");
    await call(`/i/${link.id}`, { headers: { "User-Agent": "Googlebot/2.1" } });
    const unknown = await call("/i/nosuchlink1");
    expect(unknown.status).toBe(200);
    expect(unknown.headers.get("Content-Type")).toBe("image/gif");
    const counted = await waitForCount(
      "SELECT coalesce(sum(impressions), 0) AS n FROM daily_link_counts WHERE link_id = ?1",
      [link.id],
      1,
    );
    expect(counted).toBe(1);
    const all = await env.DB.prepare(
      "SELECT coalesce(sum(impressions), 0) AS n FROM daily_link_counts WHERE link_id = 'nosuchlink1'",
    ).first<{ n: number }>();
    expect(all?.n).toBe(0);
  });
});
