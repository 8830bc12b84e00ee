import { expect } from "vitest";
import { call, createPartner, type Json, ORIGIN } from "./helpers";
import { type PartnerBrowser, signInPartner } from "./partner-session";
import { type Bend, SoftAuthenticator } from "./soft-authenticator";

/** The portal's passkey steps over HTTP, as its page runs them with `navigator.credentials`. */

/** Adds a passkey on `key` for the signed-in browser: the answer of `POST /passkeys`. */
export async function addPasskey(
  browser: PartnerBrowser,
  key: SoftAuthenticator,
  bend: Bend = {},
  name: string | undefined = "Laptop",
) {
  const { status, body } = await browser.json("POST", "/passkeys/options");
  if (status !== 200) throw new Error(`options: ${status} ${JSON.stringify(body)}`);
  const response = await key.register(body.options, ORIGIN, bend);
  return browser.json("POST", "/passkeys", { response, ...(name ? { name } : {}) });
}

export function postSignIn(path: string, body?: unknown, origin = ORIGIN) {
  return call(`/api/partner/sign-in/passkey${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: origin },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Asks for sign-in options: the challenge's ID and WebAuthn's options. */
export async function signInOptions(): Promise<{ challenge_id: string; options: Json }> {
  const answer = await postSignIn("/options");
  if (answer.status !== 200) throw new Error(`options: ${answer.status} ${await answer.text()}`);
  return (await answer.json()) as { challenge_id: string; options: Json };
}

/** A whole passkey sign-in with `key`: the answer of `POST /sign-in/passkey`. */
export async function signInWith(key: SoftAuthenticator, bend: Bend = {}) {
  const { challenge_id, options } = await signInOptions();
  const response = await key.signIn(options as never, ORIGIN, bend);
  return postSignIn("", { challenge_id, response });
}

/** A partner signed in by invite, with a passkey on a fresh software authenticator. */
export async function partnerWithPasskey(name = "Alice") {
  const partner = await createPartner(name);
  const browser = await signInPartner(partner.id);
  const key = await SoftAuthenticator.create();
  const added = await addPasskey(browser, key);
  expect(added.status).toBe(201);
  return { partner, browser, key, passkey: added.body };
}

/** A refusal: its status and code, and no cookie set. */
export async function refusedWith(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string } };
  expect(body.error.code).toBe(code);
  expect(response.headers.getSetCookie()).toEqual([]);
}
