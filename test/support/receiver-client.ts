// The test receiver, seen from the tests: a host of one's own, what it received, what it answers.
import { env } from "cloudflare:workers";
import type { Received } from "./receiver-server";

/** A host no other test uses, for this test's endpoints. */
export const receiverHost = () => `${crypto.randomUUID().slice(0, 8)}.receiver.example`;

export async function received(host: string): Promise<Received[]> {
  const response = await env.RECEIVER.fetch(`http://control/requests?host=${host}`);
  return (await response.json()) as Received[];
}

/** From now on, the host answers this (default: 200 "ok"). */
export async function reply(
  host: string,
  status: number,
  body = "",
  options: { delayMs?: number; location?: string } = {},
) {
  await env.RECEIVER.fetch("http://control/reply", {
    method: "POST",
    body: JSON.stringify({ host, status, body, ...options }),
  });
}
