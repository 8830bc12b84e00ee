// The test receiver of outbound postbacks and webhooks: every fetch() the Worker makes to the
// internet comes here instead (Miniflare's `outboundService`, in vitest.config.ts), on Node's side.
// It records each request and answers what the test asked for that host; tests use one host of
// their own (`https://<random>.receiver.example/...`), so parallel test files never mix.

export interface Received {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}

interface Reply {
  status: number;
  body: string;
  /** Answer this late (a receiver slower than the Worker's timeout). */
  delayMs?: number;
  /** A redirect's target. */
  location?: string;
}

export function createReceiver() {
  const received: Received[] = [];
  const replies = new Map<string, Reply>();

  const outbound = async (request: Request): Promise<Response> => {
    const host = new URL(request.url).host;
    received.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
      at: Date.now(),
    });
    const reply = replies.get(host) ?? { status: 200, body: "ok" };
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    const headers: Record<string, string> = reply.location ? { Location: reply.location } : {};
    return new Response(reply.body, { status: reply.status, headers });
  };

  /** The tests' side: `GET /requests?host=`, `POST /reply` `{host, status, body, delayMs}`. */
  const control = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.pathname === "/requests") {
      const host = url.searchParams.get("host");
      return Response.json(received.filter((r) => new URL(r.url).host === host));
    }
    if (url.pathname === "/reply" && request.method === "POST") {
      const { host, ...reply } = (await request.json()) as Reply & { host: string };
      replies.set(host, reply);
      return new Response("ok");
    }
    return new Response("not found", { status: 404 });
  };

  return { outbound, control };
}
