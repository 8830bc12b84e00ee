import { env, exports } from "cloudflare:workers";
import { clickCount, waitForClicks } from "./click-rows";
import { rememberSecret } from "./log-capture";

export const ORIGIN = "https://track.shop.example";
export const ADMIN_TOKEN = env.ADMIN_TOKEN;
export const HUMAN_UA =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

export type Json = Record<string, any>;

/** A request to the Worker under test, through its real fetch handler. */
export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { redirect: "manual", ...init }));
}

/** An admin API call with the right token and a JSON body. */
export async function api(method: string, path: string, body?: unknown, token = ADMIN_TOKEN) {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await call(`/api${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = (text ? JSON.parse(text) : null) as Json;
  if (typeof json?.conversion_key === "string")
    rememberSecret(json.conversion_key.split("-")[1] ?? "");
  if (typeof json?.secret === "string") rememberSecret(json.secret.slice("whsec_".length));
  return { status: response.status, headers: response.headers, body: json };
}

export const programInput = (overrides: Json = {}): Json => ({
  name: "Shop",
  landing_url: "https://shop.example/landing?utm_source=aff",
  allowed_domains: ["shop.example"],
  commission: { type: "percent", value: 10 },
  ...overrides,
});

export async function createProgram(overrides: Json = {}) {
  const response = await api("POST", "/programs", programInput(overrides));
  if (response.status !== 201) throw new Error(`program: ${JSON.stringify(response.body)}`);
  return response.body as Json & { id: string; conversion_key: string };
}

export async function createPartner(name = "Alice") {
  const response = await api("POST", "/partners", { name });
  if (response.status !== 201) throw new Error(`partner: ${JSON.stringify(response.body)}`);
  return response.body as Json & { id: string };
}

export async function createLink(programId: string, partnerId: string, destination?: string) {
  const response = await api("POST", "/links", {
    program_id: programId,
    partner_id: partnerId,
    destination,
  });
  if (response.status !== 201) throw new Error(`link: ${JSON.stringify(response.body)}`);
  return response.body as Json & {
    id: string;
    url: string;
    program_id: string;
    partner_id: string;
  };
}

/** A program, a partner and a link between them. */
export async function setupLink(programOverrides: Json = {}) {
  const program = await createProgram(programOverrides);
  const partner = await createPartner();
  const link = await createLink(program.id, partner.id);
  return { program, partner, link };
}

/** Follows a tracking link as a browser would (without following the redirect). */
export function visit(
  linkId: string,
  options: {
    query?: string;
    headers?: Record<string, string>;
    method?: string;
    cf?: Record<string, unknown>;
  } = {},
) {
  const headers = { "User-Agent": HUMAN_UA, "CF-Connecting-IP": "203.0.113.7", ...options.headers };
  rememberSecret(headers["CF-Connecting-IP"]);
  return exports.default.fetch(
    new Request(`${ORIGIN}/c/${linkId}${options.query ? `?${options.query}` : ""}`, {
      method: options.method ?? "GET",
      headers,
      redirect: "manual",
      cf: options.cf,
    } as RequestInit),
  );
}

export function aecidOf(response: Response): string | null {
  const location = response.headers.get("Location");
  return location ? new URL(location).searchParams.get("aecid") : null;
}

/** Clicks are written after the response: wait until the count settles at `expected` or time runs out. */
export async function waitForCount(
  sql: string,
  params: unknown[],
  expected: number,
  timeoutMs = 20_000,
) {
  const deadline = Date.now() + timeoutMs;
  let count = -1;
  while (Date.now() < deadline) {
    const row = await env.DB.prepare(sql)
      .bind(...params)
      .first<{ n: number }>();
    count = row?.n ?? 0;
    if (count >= expected) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return count;
}

/** A link's stored clicks, over every click shard. */
export async function linkClicks(linkId: string): Promise<number> {
  return clickCount("link_id = ?1", linkId);
}

/** A GET postback in the Affilae-compatible form (`/?key=…&id=…`). */
export async function postback(fields: Record<string, string | undefined>, init: RequestInit = {}) {
  const query = new URLSearchParams(
    Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const response = await call(`/?${query}`, init);
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Json,
  };
}

/** A program with a link, and one stored click through it. */
export async function setupClick(programOverrides: Json = {}) {
  const setup = await setupLink(programOverrides);
  const response = await visit(setup.link.id);
  const aecid = aecidOf(response) as string;
  await waitForClicks("id = unhex(?1)", [aecid], 1);
  return { ...setup, aecid, key: setup.program.conversion_key };
}

export async function rowCount(sql: string, ...params: unknown[]) {
  return (
    (
      await env.DB.prepare(sql)
        .bind(...params)
        .first<{ n: number }>()
    )?.n ?? 0
  );
}
