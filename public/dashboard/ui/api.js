// The admin API, from the browser. With a pasted token, it lives in sessionStorage (this tab only),
// travels as a Bearer header and never appears in a URL. Behind Cloudflare Access the browser's
// Access cookie signs every call instead, and no token is sent at all.
import { describeError } from "./fields.js";

const TOKEN_KEY = "aecid-edge:admin-token";

/**
 * Where the API is, and whether the pasted token goes with each call. The partner portal, which
 * loads a copy of these modules, points them at `/api/partner` with no token: its session cookie
 * (sent to that path only) speaks for the partner.
 */
const client = { base: "/api", bearer: true };
export const useApi = (options) => Object.assign(client, options);

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** An API refusal: its code, message, per-field messages and the request's ID. */
export class ApiError extends Error {
  constructor(status, body, requestId) {
    const error = body?.error ?? {};
    super(error.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = error.code ?? null;
    this.fields = error.fields ?? {};
    this.requestId = error.request_id ?? requestId ?? null;
    /** The error's other members (a 409's `partner_ids`, say), as the API sent them. */
    this.detail = error;
  }
  toString() {
    return describeError(this);
  }
}

export class Unauthorized extends ApiError {}

/** Listeners told when the API refuses who we are (the app shows the sign-in form). */
const onUnauthorized = new Set();
export const whenUnauthorized = (listener) => onUnauthorized.add(listener);

async function send(path, init = {}) {
  const headers = {};
  const bearer = client.bearer ? token.get() : null;
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let body = init.body;
  if (body !== undefined && typeof body !== "string") body = JSON.stringify(body);
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`${client.base}${path}`, {
    ...init,
    body,
    headers,
    credentials: "same-origin",
  });
  if (response.status === 401) {
    const error = new Unauthorized(401, await response.json().catch(() => null));
    for (const listener of onUnauthorized) listener(error);
    throw error;
  }
  return response;
}

const failure = async (response) =>
  new ApiError(
    response.status,
    await response.json().catch(() => null),
    response.headers.get("X-Request-Id"),
  );

/** A JSON call; `init.body` may be an object (sent as JSON). Refusals throw an ApiError. */
export async function api(path, init = {}) {
  const response = await send(path, init);
  if (!response.ok) throw await failure(response);
  return response.json();
}

/**
 * A CSV export (fetched with the token, like every call) of every part, as one Blob with one
 * header row: a long export answers in parts, each naming the next in `X-Next-Cursor`.
 */
export async function csvFile(path) {
  const parts = [];
  let cursor = null;
  do {
    const response = await send(cursor ? `${path}&cursor=${encodeURIComponent(cursor)}` : path);
    if (!response.ok) throw await failure(response);
    const text = await response.text();
    parts.push(parts.length ? text.slice(text.indexOf("\r\n") + 2) : text);
    cursor = response.headers.get("X-Next-Cursor");
  } while (cursor);
  return new Blob(parts, { type: "text/csv;charset=utf-8" });
}

/**
 * A file the API answers (an export, a statement), fetched with the token like every call: its
 * Blob and the name its `Content-Disposition` gives (else `fallback`).
 */
export async function fileOf(path, fallback) {
  const response = await send(path);
  if (!response.ok) throw await failure(response);
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const named = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  return { blob: await response.blob(), filename: named ? decodeURIComponent(named) : fallback };
}

/** Every page of a list (lists answer {data, next_cursor}), for selects and lookups. */
export async function all(path, limit = 200) {
  const items = [];
  let cursor = null;
  do {
    const separator = path.includes("?") ? "&" : "?";
    const page = await api(
      `${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    items.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor && items.length < 5000);
  return items;
}

/** The call that asks, with no token, whether Cloudflare Access has signed this browser in. */
export const ACCESS_PROBE = "/api/programs?limit=1";

/**
 * Whether the API answers without a token. Without Access it answers 401 (the browser logs that
 * on its console); the e2e tests know this one call by its path.
 */
export async function signedInByAccess() {
  const response = await fetch(ACCESS_PROBE, { credentials: "same-origin" });
  return response.ok;
}
