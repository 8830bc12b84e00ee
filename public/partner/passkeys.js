// The two passkey ceremonies, from the browser: the API's options (WebAuthn JSON) through
// navigator.credentials, the answer back as JSON (webauthn.js converts both ways).
import { api } from "./shared/ui/api.js";
import {
  authenticationJson,
  creationOptions,
  registrationJson,
  requestOptions,
} from "./webauthn.js";

/** Registers a passkey for the signed-in partner: options, create, then the answer. */
export async function registerPasskey(name) {
  const { options } = await api("/passkeys/options", { method: "POST" });
  const credential = await navigator.credentials.create({ publicKey: creationOptions(options) });
  const body = { response: registrationJson(credential) };
  if (name?.trim()) body.name = name.trim();
  return api("/passkeys", { method: "POST", body });
}

/** Signs in with a discoverable passkey: options, get, then the answer for a session cookie. */
export async function signInWithPasskey() {
  const { challenge_id, options } = await api("/sign-in/passkey/options", { method: "POST" });
  const credential = await navigator.credentials.get({ publicKey: requestOptions(options) });
  return api("/sign-in/passkey", {
    method: "POST",
    body: { challenge_id, response: authenticationJson(credential) },
  });
}
