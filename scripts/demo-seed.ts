// Seeds the demo program, partner and link through the admin API, once: later starts find them by
// name. The conversion key is stored only as a hash, so each start rotates the demo key to print
// one that works.
const DEMO_PROGRAM = "Demo program";
const DEMO_PARTNER = "Demo partner";
const BROWSER_UA =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

type Json = Record<string, any>;

export async function seedDemo(origin: string, token: string) {
  const api = async (method: string, path: string, body?: unknown): Promise<Json> => {
    const response = await fetch(`${origin}/api${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as Json;
    if (!response.ok)
      throw new Error(`${method} /api${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const findAll = async (path: string, match: (item: Json) => boolean) => {
    let cursor: string | null = null;
    do {
      const separator = path.includes("?") ? "&" : "?";
      const page = await api("GET", `${path}${cursor ? `${separator}cursor=${cursor}` : ""}`);
      const found = (page.data as Json[]).find(match);
      if (found) return found;
      cursor = page.next_cursor;
    } while (cursor);
    return null;
  };

  let program = await findAll("/programs", (p) => p.name === DEMO_PROGRAM);
  const keyed = program
    ? await api("POST", `/programs/${program.id}/rotate-key`)
    : await api("POST", "/programs", {
        name: DEMO_PROGRAM,
        landing_url: "https://example.com/",
        allowed_domains: ["example.com"],
        commission: { type: "percent", value: 10 },
      });
  program = keyed;
  const partner =
    (await findAll("/partners", (p) => p.name === DEMO_PARTNER)) ??
    (await api("POST", "/partners", { name: DEMO_PARTNER, email: "partner@example.com" }));
  const link =
    (await findAll(`/links?program_id=${program.id}`, (l) => l.partner_id === partner.id)) ??
    (await api("POST", "/links", { program_id: program.id, partner_id: partner.id }));

  // One visit through the demo link, as a browser, gives a click ID for a ready-to-run postback.
  const visit = await fetch(link.url, {
    redirect: "manual",
    headers: { "User-Agent": BROWSER_UA },
  });
  const location = visit.headers.get("Location");
  const clickId = location ? new URL(location).searchParams.get("aecid") : null;
  const orderId = `demo-${Date.now()}`;
  // A one-time sign-in to the partner portal as the demo partner, new at each start. Passkeys
  // need a host name, not an IP address: the portal is opened at localhost.
  const invite = await api("POST", `/partners/${partner.id}/invite`);
  const portal = new URL(invite.url as string);
  if (portal.hostname === "127.0.0.1") portal.hostname = "localhost";
  return {
    partnerInvite: portal.toString(),
    program,
    partner,
    link,
    key: keyed.conversion_key,
    postbackTemplate: keyed.postback_url,
    clickId,
    postbackExample: clickId
      ? `${origin}/?key=${keyed.conversion_key}&id=${orderId}&amount=49.90&currency=EUR&cids=${clickId}`
      : null,
  };
}
