import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("migration 0012: conversion sources", () => {
  it("adds the sources and their processed events beside what the previous version uses", async () => {
    const db = env.MIGRATION_DB;
    await applyD1Migrations(
      db,
      env.TEST_MIGRATIONS.filter((m) => m.name < "0012"),
    );
    const before = await db.prepare("SELECT count(*) AS n FROM programs").first<{ n: number }>();
    await applyD1Migrations(db, env.TEST_MIGRATIONS);
    // Nothing the previous version reads changed.
    expect(await db.prepare("SELECT count(*) AS n FROM programs").first()).toEqual(before);
    await db
      .prepare(
        `INSERT INTO sources (id, program_id, type, enabled, secret_ciphertext, secret_iv,
           created_at, updated_at) VALUES ('s1', 'p1', 'stripe', 1, 'c', 'iv', 1, 1)`,
      )
      .run();
    const bad = db
      .prepare(
        `INSERT INTO sources (id, program_id, type, enabled, secret_ciphertext, secret_iv,
           created_at, updated_at) VALUES ('s2', 'p1', 'paypal', 1, 'c', 'iv', 1, 1)`,
      )
      .run();
    await expect(bad).rejects.toThrow(/CHECK/);
    const seen = (id: string) =>
      db
        .prepare(
          `INSERT INTO source_events (source_id, event_id, received_at, type, outcome)
           VALUES ('s1', ?1, 1, 'checkout.session.completed', 'registered') ON CONFLICT DO NOTHING`,
        )
        .bind(id)
        .run();
    expect((await seen("evt_1")).meta.changes).toBe(1);
    expect((await seen("evt_1")).meta.changes).toBe(0);
  });
});
