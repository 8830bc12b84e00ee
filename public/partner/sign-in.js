// Signing in: an invite's one-time URL (its token in the fragment, posted once and then removed
// from the address bar), or a passkey registered on an earlier visit. No password anywhere.
import { signInWithPasskey } from "./passkeys.js";
import { api } from "./shared/ui/api.js";
import { html, useEffect, useState } from "./shared/ui/preact.js";
import { passkeysSupported } from "./webauthn.js";

/** The invite token in `#invite=…`, or null. */
export function inviteToken(hash) {
  const match = /^#invite=([\w-]+)$/.exec(hash);
  return match ? match[1] : null;
}

/** Posts the invite once, then clears the fragment (the token is used: it signs in no more). */
export async function redeemInvite(token) {
  history.replaceState(null, "", location.pathname + location.search);
  return api("/sign-in/invite", { method: "POST", body: { token } });
}

export function SignIn({ message, onSignedIn }) {
  const [error, setError] = useState(message ?? "");
  const [busy, setBusy] = useState(false);
  useEffect(() => setError(message ?? ""), [message]);
  async function passkey() {
    setBusy(true);
    setError("");
    try {
      const answer = await signInWithPasskey();
      onSignedIn(answer.partner, "passkey");
    } catch (failure) {
      setError(
        failure?.name === "NotAllowedError"
          ? "No passkey was chosen (or this device has none for this site)."
          : String(failure),
      );
    } finally {
      setBusy(false);
    }
  }
  return html`<section id="login" class="login">
    <div class="login-box">
      <h2>Partner portal</h2>
      <p>Sign in with the passkey you registered here, or open the invite link your program's operator sent you.</p>
      ${
        passkeysSupported()
          ? html`<button type="button" id="passkey-sign-in" disabled=${busy} onClick=${passkey}>Sign in with a passkey</button>`
          : html`<p class="error">This browser has no passkey support: use the invite link.</p>`
      }
      <p>Lost your device? Ask the operator for a new invite: it signs you in once, and you can register a new passkey.</p>
      <p id="login-error" class="error" role="alert">${error}</p>
    </div>
  </section>`;
}
