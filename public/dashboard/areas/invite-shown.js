// A partner's one-time sign-in URL, as an invite or an approval answers it: shown this once, with
// Copy and its expiry. We send no mail: the operator pastes it into their own message.
import { when } from "../ui/format.js";
import { html } from "../ui/preact.js";
import { CopyButton } from "../ui/table.js";

export function InviteShown({ invite, name, email, onClose }) {
  const to = email ? `to ${email}` : "to the partner";
  return html`<div class="key-once" role="status" id="invite-shown" aria-label=${`Sign-in link for ${name}`}>
    <p><strong>Sign-in link for ${name}, shown this once:</strong> only its hash is stored.</p>
    <div class="copyable"><code class="url" id="invite-url">${invite.url}</code><${CopyButton} text=${invite.url} /></div>
    <p>It works once, until <time id="invite-expires" datetime=${invite.expires_at}>${when(invite.expires_at)}</time>.
      aecid-edge sends no mail: copy it into your own message ${to}. Opening it signs them in to
      the partner portal, where they can add a passkey; a new invite is the way back in.</p>
    ${onClose && html`<button type="button" class="secondary" onClick=${onClose}>Done</button>`}
  </div>`;
}
