// The partner portal: sign-in (invite or passkey), then hash-routed pages under one nav. It runs
// on a copy of the dashboard's ui/ modules (shared/, copied by scripts/vendor-assets.ts) pointed
// at /api/partner, where the session cookie, not a token, says who is asking.
import { PAGES, pageOf } from "./pages/index.js";
import { PasskeyPrompt } from "./pages/passkey-prompt.js";
import { all, api, useApi, whenUnauthorized } from "./shared/ui/api.js";
import { isoDay, useExponents } from "./shared/ui/format.js";
import { html, render, useEffect, useState } from "./shared/ui/preact.js";
import { ErrorNote } from "./shared/ui/table.js";
import { inviteToken, redeemInvite, SignIn } from "./sign-in.js";

useApi({ base: "/api/partner", bearer: false });

function useHash() {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const changed = () => setHash(location.hash);
    addEventListener("hashchange", changed);
    return () => removeEventListener("hashchange", changed);
  }, []);
  return hash;
}

function Nav({ current }) {
  return html`<nav aria-label="Pages">
    ${PAGES.map(([hash, label]) => html`<a href=${`#/${hash}`} aria-current=${current === hash ? "page" : null}>${label}</a>`)}
  </nav>`;
}

function Header({ me, ctx, onSignOut }) {
  const change = (key) => (event) => ctx.update({ [key]: event.currentTarget.value });
  return html`<header>
    <h1>Partner portal</h1>
    <div class="controls" id="controls">
      <label>From <input type="date" id="from" value=${ctx.from} onChange=${change("from")} /></label>
      <label>To <input type="date" id="to" value=${ctx.to} onChange=${change("to")} /></label>
      <span class="who" id="who">${me.name}</span>
      <button type="button" id="sign-out" class="secondary" onClick=${() => onSignOut(false)}>Sign out</button>
      <button type="button" id="sign-out-everywhere" class="secondary" onClick=${() => onSignOut(true)}>Sign out everywhere</button>
    </div>
  </header>`;
}

function App() {
  const hash = useHash();
  // "checking" until /me answers; "out": the sign-in page; "in": signed in.
  const [auth, setAuth] = useState("checking");
  const [message, setMessage] = useState("");
  const [me, setMe] = useState(null);
  const [via, setVia] = useState(null);
  const [programs, setPrograms] = useState(null);
  const [error, setError] = useState(null);
  const [view, setView] = useState({
    programId: "",
    from: isoDay(Date.now() - 29 * 86_400_000),
    to: isoDay(Date.now()),
  });

  async function load() {
    setError(null);
    let who;
    try {
      who = await api("/me");
    } catch (failure) {
      if (failure?.status !== 401) setError(failure);
      return;
    }
    setMe(who);
    setAuth("in");
    // Currencies' decimals, when the partner API answers them; two decimals otherwise.
    api("/currencies").then(
      (c) => useExponents(c.data ?? []),
      () => {},
    );
    try {
      const list = await all("/programs");
      setPrograms(list);
      setView((v) => ({ ...v, programId: v.programId || (list[0]?.id ?? "") }));
    } catch (failure) {
      setPrograms([]);
      setError(failure);
    }
  }

  useEffect(() => {
    whenUnauthorized(() => {
      setMe(null);
      setAuth("out");
    });
    const token = inviteToken(location.hash);
    if (token)
      redeemInvite(token).then(
        () => {
          setVia("invite");
          load();
        },
        (failure) => {
          setMessage(
            failure?.code === "invite_invalid"
              ? "This invite link is not valid any more (used, expired or replaced). Sign in with your passkey, or ask the operator for a new invite."
              : String(failure),
          );
          setAuth("out");
        },
      );
    else load();
  }, []);

  async function signOut(everywhere) {
    await api(everywhere ? "/sign-out-everywhere" : "/sign-out", { method: "POST" }).catch(
      () => {},
    );
    setMe(null);
    setVia(null);
    setMessage(everywhere ? "Signed out on every device." : "Signed out.");
    setAuth("out");
  }

  if (auth === "checking")
    return error
      ? html`<main><${ErrorNote} error=${error} /></main>`
      : html`<p class="status">Loading…</p>`;
  if (auth === "out")
    return html`<${SignIn} message=${message} onSignedIn=${(_, how) => {
      setVia(how);
      setMessage("");
      load();
    }} />`;
  const [page, Page, param] = pageOf(hash);
  const ctx = {
    ...view,
    me,
    programs: programs ?? [],
    program: (programs ?? []).find((p) => p.id === view.programId) ?? null,
    // The dashboard's shared report pickers: no partner picker (the API answers this one only).
    partners: [],
    names: new Map([[me.id, me.name]]),
    update: (patch) => setView((v) => ({ ...v, ...patch })),
  };
  return html`<${Header} me=${me} ctx=${ctx} onSignOut=${signOut} />
    <${Nav} current=${page} />
    <main id="app" data-page=${page}>
      ${via === "invite" && html`<${PasskeyPrompt} />`}
      <${ErrorNote} error=${error} />
      <${Page} ctx=${ctx} param=${param} />
    </main>`;
}

render(html`<${App} />`, document.getElementById("root"));
