// An area loaded on first use: its module is fetched when the area first opens (a dynamic
// import, which `npm run dashboard:size` does not count), so the first screen stays small.
import { html, useEffect, useState } from "./preact.js";
import { ErrorNote } from "./table.js";

/** A component standing for `name`, exported by the module `load()` imports. */
export function lazy(load, name) {
  let loaded = null;
  return function Lazy(props) {
    const [Component, setComponent] = useState(() => loaded);
    const [error, setError] = useState(null);
    useEffect(() => {
      if (loaded) return;
      load().then((module) => {
        loaded = module[name];
        setComponent(() => loaded);
      }, setError);
    }, []);
    if (error) return html`<${ErrorNote} error=${error} />`;
    return Component ? html`<${Component} ...${props} />` : html`<p class="status">Loading…</p>`;
  };
}
