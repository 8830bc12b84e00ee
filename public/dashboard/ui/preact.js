// The one door to the UI library: Preact (components, hooks) and htm (tagged templates instead of
// JSX, so the browser runs the files as they are). scripts/vendor-assets.ts copies their ESM
// builds into ../vendor/; no build step, no CDN, nothing inline for the CSP to refuse.
import htm from "../vendor/htm.mjs";
import { h } from "../vendor/preact.mjs";

export { useCallback, useEffect, useMemo, useRef, useState } from "../vendor/hooks.mjs";
export { Fragment, h, render } from "../vendor/preact.mjs";
export const html = htm.bind(h);
