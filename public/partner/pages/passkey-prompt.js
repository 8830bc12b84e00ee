// After an invite's sign-in: the invite is used up, so a passkey is the way back in next time.
// Not shown to a partner who has one already.
import { registerPasskey } from "../passkeys.js";
import { api } from "../shared/ui/api.js";
import { html, useEffect, useState } from "../shared/ui/preact.js";
import { passkeysSupported } from "../webauthn.js";

export function PasskeyPrompt() {
  const [state, setState] = useState("ask");
  const [error, setError] = useState("");
  // A partner who has a passkey already (a new invite after a lost device, say) is not asked.
  useEffect(() => {
    api("/passkeys").then(
      (list) => list.data.length && setState((s) => (s === "ask" ? "later" : s)),
      () => {},
    );
  }, []);
  if (!passkeysSupported() || state === "later") return null;
  async function add() {
    setState("busy");
    setError("");
    try {
      await registerPasskey("Passkey");
      setState("done");
    } catch (failure) {
      setError(failure?.name === "NotAllowedError" ? "No passkey was made." : String(failure));
      setState("ask");
    }
  }
  if (state === "done")
    return html`<p class="notice" id="passkey-done" role="status">Passkey registered: next time, choose “Sign in with a passkey”.</p>`;
  return html`<section class="notice" id="passkey-prompt" aria-label="Register a passkey">
    <p>Your invite link worked once and is now used. Register a passkey (this device's screen lock or a security key) to sign in next time.</p>
    <div class="actions">
      <button type="button" id="passkey-register" disabled=${state === "busy"} onClick=${add}>Register a passkey</button>
      <button type="button" class="secondary" onClick=${() => setState("later")}>Later</button>
    </div>
    ${error && html`<p class="error" role="alert">${error}</p>`}
  </section>`;
}
