// The operator dashboard: sign-in, then hash-routed areas under one nav. What every area shares
// (programs, partners, the chosen program and date range) is loaded here and handed down.
import { AREAS, areaOf } from "./areas/index.js";
import { SignIn } from "./sign-in.js";
import { all, api, signedInByAccess, token, Unauthorized, whenUnauthorized } from "./ui/api.js";
import { isoDay, useExponents } from "./ui/format.js";
import { html, render, useEffect, useState } from "./ui/preact.js";
import { ErrorNote } from "./ui/table.js";

function useHash() {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const changed = () => setHash(location.hash);
    addEventListener("hashchange", changed);
    return () => removeEventListener("hashchange", changed);
  }, []);
  return hash;
}

function Controls({ ctx, access, onSignOut }) {
  const change = (key) => (event) => ctx.update({ [key]: event.currentTarget.value });
  return html`<div class="controls" id="controls">
    <label>Program
      <select id="program" value=${ctx.programId} onChange=${change("programId")}>
        ${ctx.programs.map((p) => html`<option value=${p.id}>${p.name}</option>`)}
      </select>
    </label>
    <label>From <input type="date" id="from" value=${ctx.from} onChange=${change("from")} /></label>
    <label>To <input type="date" id="to" value=${ctx.to} onChange=${change("to")} /></label>
    ${access ? html`<span class="who">Signed in with Access</span>` : html`<button type="button" id="signout" class="secondary" onClick=${onSignOut}>Sign out</button>`}
  </div>`;
}

function Nav({ current }) {
  return html`<nav aria-label="Areas">
    ${AREAS.map(([hash, label]) => html`<a href=${`#/${hash}`} aria-current=${current === hash ? "page" : null}>${label}</a>`)}
  </nav>`;
}

function App() {
  const hash = useHash();
  // "checking" until we know; "out": the sign-in form; "token" or "access": signed in.
  const [auth, setAuth] = useState("checking");
  const [message, setMessage] = useState("");
  const [shared, setShared] = useState(null);
  const [error, setError] = useState(null);
  const [view, setView] = useState({
    programId: "",
    from: isoDay(Date.now() - 29 * 86_400_000),
    to: isoDay(Date.now()),
  });

  async function load() {
    const [programs, currencies, partners] = await Promise.all([
      all("/programs"),
      api("/currencies"),
      all("/partners"),
    ]);
    useExponents(currencies.data);
    setShared({ programs, partners, currencies: currencies.data });
    setView((v) => ({
      ...v,
      programId: programs.some((p) => p.id === v.programId) ? v.programId : (programs[0]?.id ?? ""),
    }));
  }
  const reload = () => {
    setError(null);
    return load().catch(setError);
  };

  function signIn(mode) {
    setAuth(mode);
    setMessage("");
    reload();
  }
  useEffect(() => {
    whenUnauthorized(() => {
      // With no token, it was the Access session that ended (or Access is off).
      setMessage(
        token.get()
          ? "The admin token was refused."
          : "The API no longer knows you: sign in to Cloudflare Access again, or paste the admin token.",
      );
      token.clear();
      setShared(null);
      setAuth("out");
    });
    if (token.get()) signIn("token");
    else
      signedInByAccess().then(
        (yes) => (yes ? signIn("access") : setAuth("out")),
        // Unreachable: the token form, which says what failed when it is used.
        () => setAuth("out"),
      );
  }, []);

  if (auth === "checking") return null;
  if (auth === "out")
    return html`<${SignIn} message=${message} onSignIn=${() => signIn("token")} />`;
  const [area, Area, param] = areaOf(hash);
  const programs = shared?.programs ?? [];
  const ctx = {
    ...view,
    programs,
    partners: shared?.partners ?? [],
    currencies: shared?.currencies ?? [],
    program: programs.find((p) => p.id === view.programId) ?? null,
    names: new Map((shared?.partners ?? []).map((p) => [p.id, p.name])),
    update: (patch) => setView((v) => ({ ...v, ...patch })),
    reload,
  };
  const signOut = () => {
    token.clear();
    setShared(null);
    setAuth("out");
  };
  return html`<header>
      <h1>aecid-edge</h1>
      <${Controls} ctx=${ctx} access=${auth === "access"} onSignOut=${signOut} />
    </header>
    <${Nav} current=${area} />
    <main id="app">
      <${ErrorNote} error=${error instanceof Unauthorized ? null : error} />
      ${shared ? html`<${Area} ctx=${ctx} param=${param} />` : html`<p class="status">Loading…</p>`}
    </main>`;
}

render(html`<${App} />`, document.getElementById("root"));
