// What the scenarios need: a program, a partner, links, and stored clicks for distinct postbacks.
import { ADMIN_TOKEN, type Served } from "./servers.ts";

export const HUMAN_UA =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
export const BOT_UA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

type Json = Record<string, any>;

export async function admin(
  served: Served,
  method: string,
  path: string,
  body?: unknown,
): Promise<Json> {
  const response = await fetch(`${served.url}/api${path}`, {
    method,
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as Json;
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

export interface Fixtures {
  key: string;
  programId: string;
  clickLink: string;
  /** The no-loss check's clicks go through this link, and only they. */
  lossLink: string;
  botLink: string;
  /** Clicks stored in advance for distinct postbacks. */
  postbackClicks: string[];
}

/** `overrides`: fields over the bench program's own (goals, for the sources' bench). */
export async function seed(
  served: Served,
  storedClicks: number,
  overrides: Json = {},
): Promise<Fixtures> {
  const program = await admin(served, "POST", "/programs", {
    name: "Bench",
    landing_url: "https://shop.example/landing?utm_source=aff",
    allowed_domains: ["shop.example"],
    commission: { type: "percent", value: 10 },
    postbacks_per_minute: 1_000_000,
    ...overrides,
  });
  const partner = await admin(served, "POST", "/partners", { name: "Bench partner" });
  const link = async () =>
    (await admin(served, "POST", "/links", { program_id: program.id, partner_id: partner.id }))
      .id as string;
  const [clickLink, lossLink, botLink, storeLink] = [
    await link(),
    await link(),
    await link(),
    await link(),
  ];

  // Distinct clicks, stored in one statement: aecid = this second's time + a counter.
  const db = await served.mf.getD1Database("DB");
  const now = Date.now();
  const prefix = Math.floor(now / 1000 - 60)
    .toString(16)
    .padStart(8, "0");
  await db
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?1)
       INSERT INTO clicks (id, link_id, program_id, partner_id, created_at)
       SELECT unhex(?2 || printf('%016x', i)), ?3, unhex(?4), unhex(?5), ?6 FROM n`,
    )
    .bind(storedClicks, prefix, storeLink, program.id, partner.id, now - 60_000)
    .run();
  const postbackClicks = Array.from(
    { length: storedClicks },
    (_, i) => prefix + i.toString(16).padStart(16, "0"),
  );
  return {
    key: program.conversion_key,
    programId: program.id,
    clickLink,
    lossLink,
    botLink,
    postbackClicks,
  };
}

export async function count(served: Served, sql: string, ...params: unknown[]): Promise<number> {
  const db = await served.mf.getD1Database("DB");
  const row = await db
    .prepare(sql)
    .bind(...params)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** Waits for after-response writes to land: until the count stops moving (or a minute passes). */
export async function settledCount(
  served: Served,
  sql: string,
  ...params: unknown[]
): Promise<number> {
  let last = -1;
  let current = await count(served, sql, ...params);
  const deadline = Date.now() + 60_000;
  while (current !== last && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    last = current;
    current = await count(served, sql, ...params);
  }
  return current;
}

/** Two outbound endpoints on the program, a partner postback (GET) and a webhook (POST). */
export async function addEndpoints(served: Served, programId: string): Promise<string[]> {
  const ids: string[] = [];
  for (const [method, url] of [
    ["GET", "https://partner.bench.example/postback?clickid={sub1}&payout={commission}"],
    ["POST", "https://hooks.bench.example/aecid"],
  ]) {
    const endpoint = await admin(served, "POST", "/endpoints", {
      url,
      method,
      events: ["conversion.registered"],
      program_id: programId,
    });
    ids.push(endpoint.id as string);
  }
  return ids;
}

/** Enables or disables endpoints (an admin change applies at once in the one local isolate). */
export async function setEndpoints(served: Served, ids: string[], enabled: boolean) {
  for (const id of ids) await admin(served, "PATCH", `/endpoints/${id}`, { enabled });
}
