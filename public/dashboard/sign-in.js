// The token sign-in: the Worker's ADMIN_TOKEN, pasted once, kept in this tab only. Behind
// Cloudflare Access the API already knows the operator and this form is never shown.
import { token } from "./ui/api.js";
import { html, useEffect, useRef } from "./ui/preact.js";

export function SignIn({ message, onSignIn }) {
  const input = useRef(null);
  useEffect(() => input.current?.focus(), []);
  function submit(event) {
    event.preventDefault();
    token.set(input.current.value.trim());
    input.current.value = "";
    onSignIn();
  }
  return html`<section id="login" class="login">
    <form id="login-form" onSubmit=${submit}>
      <h2>Sign in</h2>
      <p>Paste the admin token (the Worker's <code>ADMIN_TOKEN</code>). It stays in this tab only.</p>
      <label>Admin token <input type="password" id="token" ref=${input} autocomplete="off" required /></label>
      <button type="submit">Open the dashboard</button>
      <p id="login-error" class="error" role="alert">${message}</p>
    </form>
  </section>`;
}
