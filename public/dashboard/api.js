// The admin API, from the browser. The token lives in sessionStorage (this tab only), travels as a
// Bearer header, and never appears in a URL.
const TOKEN_KEY = "aecid-edge:admin-token";

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

export class Unauthorized extends Error {}

async function send(path, init = {}) {
  const response = await fetch(`/api${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${token.get() ?? ""}`,
      ...(init.body ? { "Content-Type": "application/json" } : {}),
    },
  });
  if (response.status === 401) throw new Unauthorized("The admin token was refused.");
  return response;
}

const failure = (body, response) => new Error(body?.error?.message ?? `HTTP ${response.status}`);

export async function api(path, init = {}) {
  const response = await send(path, init);
  const body = await response.json();
  if (!response.ok) throw failure(body, response);
  return body;
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
    if (!response.ok) throw failure(await response.json().catch(() => null), response);
    const text = await response.text();
    parts.push(parts.length ? text.slice(text.indexOf("\r\n") + 2) : text);
    cursor = response.headers.get("X-Next-Cursor");
  } while (cursor);
  return new Blob(parts, { type: "text/csv;charset=utf-8" });
}

/** Every page of a list (lists answer {data, next_cursor}). */
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
