import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CLICK_COLUMNS } from "../../src/storage/clicks";

describe("migration 0008: smaller click rows", () => {
  it("turns text IDs into BLOBs, keeps old user agents, and gives conversions and counters their link's owners", async () => {
    const db = env.MIGRATION_DB;
    await applyD1Migrations(
      db,
      env.TEST_MIGRATIONS.filter((m) => m.name < "0008"),
    );
    const aecid = "6b08120ac1654479528665b3";
    const ipHash = "9edd21dad3057e51d1a0814fe244bfad".repeat(2);
    await db.batch([
      db.prepare(
        `INSERT INTO programs (id, name, landing_url, allowed_domains, attribution_window_days,
           attribution_model, revenue_share, commission_type, commission_value, auto_approve,
           postbacks_per_minute, key_hash, created_at, updated_at)
         VALUES ('p0000000000000000000000a', 'p', 'https://shop.example/', '["shop.example"]', 30,
           'last_click', 0, 'percent', 100000, 0, 3000, 'h', 1, 1)`,
      ),
      db.prepare(
        "INSERT INTO partners (id, name, created_at) VALUES ('a0000000000000000000000b', 'A', 1)",
      ),
      db.prepare(
        `INSERT INTO links (id, program_id, partner_id, created_at)
         VALUES ('LinkLinkLink', 'p0000000000000000000000a', 'a0000000000000000000000b', 1)`,
      ),
      db
        .prepare(
          `INSERT INTO clicks (id, link_id, program_id, partner_id, created_at, sub1, country,
             ip_hash, user_agent, referer_host)
           VALUES (?1, 'LinkLinkLink', '6b08120ac1654479528665b4', '6b08120ac1654479528665b5',
             1700000000000, 'news', 'FR', ?2, 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0',
             'blog.example')`,
        )
        .bind(aecid, ipHash),
      db
        .prepare(
          `INSERT INTO conversions (id, program_id, goal, repeatable, order_id, click_id,
             partner_id, attribution, amount, currency, commission, commission_currency, status,
             initial_status, vouchers, created_at, updated_at)
           VALUES ('c1', 'p0000000000000000000000a', 'sale', 0, 'o1', ?1,
             'a0000000000000000000000b', 'click', 100, 'EUR', 10, 'EUR', 'pending', 'pending',
             '[]', 2, 2)`,
        )
        .bind(aecid),
      db.prepare(
        "INSERT INTO daily_link_counts (day, link_id, clicks) VALUES ('2023-11-14', 'LinkLinkLink', 1)",
      ),
    ]);
    await applyD1Migrations(db, env.TEST_MIGRATIONS);

    const row = await db
      .prepare(`SELECT ${CLICK_COLUMNS}, typeof(id) AS id_type FROM clicks WHERE id = unhex(?1)`)
      .bind(aecid)
      .first();
    expect(row).toMatchObject({
      id: aecid,
      id_type: "blob",
      program_id: "6b08120ac1654479528665b4",
      partner_id: "6b08120ac1654479528665b5",
      sub1: "news",
      ip_hash: ipHash.slice(0, 32),
      user_agent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0",
      device: null,
    });
    expect(
      await db.prepare("SELECT link_id FROM conversions WHERE id = 'c1'").first("link_id"),
    ).toBe("LinkLinkLink");
    expect(
      await db
        .prepare(
          "SELECT program_id, partner_id FROM daily_link_counts WHERE link_id = 'LinkLinkLink'",
        )
        .first(),
    ).toEqual({ program_id: "p0000000000000000000000a", partner_id: "a0000000000000000000000b" });
  });
});
