// Small DOM and number helpers. Data is only ever put in the page as text, never as HTML.

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "onclick") node.addEventListener("click", value);
    else if (value !== undefined && value !== null) node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    node.append(child instanceof Node ? child : document.createTextNode(String(child ?? "")));
  }
  return node;
}

/** Fills a table: `columns` are [heading, cell(row), numeric?]. */
export function fillTable(table, columns, rows, empty) {
  table.replaceChildren(
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        columns.map(([heading, , numeric]) => el("th", { class: numeric ? "num" : null }, heading)),
      ),
    ),
    el(
      "tbody",
      {},
      rows.length
        ? rows.map((row) =>
            el(
              "tr",
              {},
              columns.map(([, cell, numeric]) =>
                el("td", { class: numeric ? "num" : null }, cell(row)),
              ),
            ),
          )
        : el("tr", {}, el("td", { class: "empty", colspan: columns.length }, empty)),
    ),
  );
}

const exponents = new Map();
function exponent(currency) {
  if (!exponents.has(currency)) {
    exponents.set(
      currency,
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
        .maximumFractionDigits,
    );
  }
  return exponents.get(currency);
}

/** Minor units (as the API answers) to a formatted amount. */
export function money(minor, currency) {
  return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(
    minor / 10 ** exponent(currency),
  );
}

/** A {currency: minor units} map as text: "€12.00 + $3.00". */
export function moneyMap(map) {
  const entries = Object.entries(map ?? {});
  return entries.length
    ? entries.map(([currency, minor]) => money(minor, currency)).join(" + ")
    : "—";
}

export const count = (n) => new Intl.NumberFormat().format(n);
export const percent = (rate) => `${(rate * 100).toFixed(2)} %`;
export const when = (iso) => new Date(iso).toLocaleString();
