// The journey's traffic that no operator makes in the dashboard: a visitor following a link, and
// the advertiser's server sending postbacks. Everything the operator does is in journey.ts.
import type { ServerInfo } from "./server.ts";

export const BROWSER_UA =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

/** Follows a tracking link as a browser would (a bot's click is not stored): the aecid it set. */
export async function follow(link: string): Promise<string> {
  const response = await fetch(link, { redirect: "manual", headers: { "User-Agent": BROWSER_UA } });
  if (response.status !== 302) throw new Error(`${link} answered ${response.status}, not 302`);
  const aecid = new URL(response.headers.get("Location") ?? "").searchParams.get("aecid");
  if (!aecid) throw new Error(`${link} redirected without an aecid`);
  return aecid;
}

/** Clicks reach D1 through the click queue a moment after their redirect: waits until this one has. */
export async function stored(server: ServerInfo, aecid: string) {
  for (let i = 0; i < 80; i++) {
    const response = await fetch(`${server.origin}/api/clicks/${aecid}`, {
      headers: { Authorization: `Bearer ${server.adminToken}` },
    });
    await response.body?.cancel();
    if (response.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`click ${aecid} was not stored`);
}

export interface Answer {
  status: number;
  body: {
    status?: string;
    conversion_id?: string;
    commission?: number;
    error?: { code?: string };
  };
}

/**
 * The advertiser's postback: the program's postback URL as the dashboard showed it, its macros
 * filled as the advertiser's back office would (those it has no value for left empty), plus
 * `extra` fields.
 */
export async function postback(
  template: string,
  macros: Record<string, string>,
  extra: Record<string, string> = {},
): Promise<Answer> {
  const url = new URL(
    template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => encodeURIComponent(macros[name] ?? "")),
  );
  for (const [name, value] of Object.entries(extra)) url.searchParams.set(name, value);
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}
