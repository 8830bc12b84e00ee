/**
 * The theme snippet (`GET /sources/shopify.js`): merchants paste one `<script src>` into their
 * theme, and the `aecid` a partner's redirect added to the landing URL becomes a cart attribute
 * (`POST /cart/update.js`), which Shopify copies into the order's `note_attributes`: so
 * `orders/paid` names its click. It sets no cookie (Shopify's own cart cookie does the carrying)
 * and keeps nothing but the click ID, in sessionStorage, so later pages of the visit can put it
 * back on a cart created after the landing page. No eval, no inline code: CSP-safe as an external
 * script from this Worker's origin.
 */

/** The click ID in a page's query string (`?aecid=…`), lower-cased, or null. */
export function clickIdOfSearch(search: string): string | null {
  const value = new URLSearchParams(search).get("aecid")?.trim() ?? "";
  return /^[0-9a-f]{24}$/i.test(value) ? value.toLowerCase() : null;
}

/** The script, ES5 so every theme's browsers run it; its URL logic is clickIdOfSearch's. */
export const SHOPIFY_SNIPPET = `/* aecid-edge: copies the click ID into the Shopify cart (no cookie) */
(function () {
  "use strict";
  var KEY = "aecid";
  var valid = /^[0-9a-f]{24}$/;
  function fromUrl() {
    if (typeof URLSearchParams !== "function") return null;
    var value = (new URLSearchParams(location.search).get(KEY) || "").trim().toLowerCase();
    return valid.test(value) ? value : null;
  }
  var stored = null;
  try { stored = sessionStorage.getItem(KEY); } catch (e) {}
  var id = fromUrl();
  if (id) {
    try { sessionStorage.setItem(KEY, id); } catch (e) {}
  } else if (stored && valid.test(stored)) {
    id = stored;
  }
  if (!id || typeof fetch !== "function") return;
  var root = (window.Shopify && Shopify.routes && Shopify.routes.root) || "/";
  function update() {
    return fetch(root + "cart/update.js", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ attributes: { aecid: id } })
    });
  }
  if (id !== stored) { update(); return; }
  // A later page: only when the cart lost it (a new cart after checkout, say).
  fetch(root + "cart.js", { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (cart) {
      if (cart && (!cart.attributes || cart.attributes.aecid !== id)) update();
    })
    .catch(function () {});
})();
`;

/**
 * Cached an hour by browsers and a day by shared caches: a theme loads it on every page, and an
 * upgrade of the Worker reaches every shop within the day.
 */
export function snippetResponse(): Response {
  return new Response(SHOPIFY_SNIPPET, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=3600, s-maxage=86400",
      "X-Content-Type-Options": "nosniff",
      // Loadable from a shop whose pages require cross-origin isolation.
      "Cross-Origin-Resource-Policy": "cross-origin",
    },
  });
}
