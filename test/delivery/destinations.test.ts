import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { forgetEndpoints } from "../../src/delivery/endpoint-cache";
import { newId } from "../../src/domain/ids";
import { insertClicksStatement } from "../../src/storage/clicks";
import { insertEndpoint } from "../../src/storage/endpoints";
import { clickDb } from "../../src/storage/shards";
import { storedClick } from "../support/fixtures";
import { api, postback, setupLink } from "../support/helpers";
import { received } from "../support/receiver-client";

/** An endpoint row as an earlier version may have accepted it, written straight to D1. */
async function storedEndpoint(url: string, programId: string) {
  const now = Date.now();
  await insertEndpoint(env.DB, {
    id: newId(now),
    url,
    method: "GET",
    events: ["conversion.registered"],
    partnerId: null,
    programId,
    enabled: true,
    disabledReason: null,
    secretGeneration: 1,
    failedStreak: 0,
    createdAt: now,
    updatedAt: now,
  });
  forgetEndpoints();
}

/** A sale on a click whose sub-IDs are these, and the delivery log of its conversion. */
async function saleWithSubIds(subIds: [string | null, string | null], url: string) {
  const { program, link } = await setupLink();
  await storedEndpoint(url, program.id);
  const click = storedClick(link, {
    at: Date.now() - 60_000,
    subIds: [...subIds, null, null, null],
  });
  const aecid = click.id;
  await insertClicksStatement(clickDb(env, aecid), [click]).run();
  const sale = await postback({
    key: program.conversion_key,
    id: `d-${aecid}`,
    amount: "10",
    currency: "EUR",
    cids: aecid,
  });
  expect(sale.status).toBe(201);
  let log: Record<string, unknown>[] = [];
  await vi.waitFor(async () => {
    log = (await api("GET", `/deliveries?conversion_id=${sale.body.conversion_id}`)).body.data;
    expect(log).toHaveLength(1);
  });
  return log[0];
}

describe("where a delivery goes, checked again when it is sent", () => {
  it("sends nothing when a stored template's host is made of sub-IDs (https:/{sub1}.{sub2}/)", async () => {
    const attempt = await saleWithSubIds(["169.254.169", "254"], "https:/{sub1}.{sub2}/cb");
    expect(attempt).toMatchObject({ http_status: null, outcome: "failed" });
    expect(attempt?.error).toMatch(/not sent: .*macro in its scheme, host or port/);
    expect(await received("169.254.169.254")).toEqual([]);
  });

  it("sends nothing to a stored URL whose host is not public", async () => {
    const attempt = await saleWithSubIds(["x", null], "https://127.0.0.1/cb?s={sub1}");
    expect(attempt).toMatchObject({ http_status: null, outcome: "failed" });
    expect(attempt?.error).toMatch(/not sent: .*public host/);
    expect(await received("127.0.0.1")).toEqual([]);
  });
});
