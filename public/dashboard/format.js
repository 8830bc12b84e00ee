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

// Minor units per currency come from the API (ISO 4217, GET /api/currencies), never from the
// browser's Intl data, which disagrees with ISO for HUF, IDR, COP and others.
const exponents = new Map();

export function useExponents(currencies) {
  for (const { code, minor_units } of currencies) exponents.set(code, minor_units);
}

/** Minor units as exact decimal text: 12345 with 2 decimals is "123.45". */
export function decimalText(minor, exponent) {
  const negative = minor < 0;
  const digits = String(Math.abs(minor)).padStart(exponent + 1, "0");
  const text = exponent ? `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}` : digits;
  return negative ? `-${text}` : text;
}

/** Minor units (as the API answers) to a formatted amount, with the currency's ISO decimals. */
export function money(minor, currency) {
  const exponent = exponents.get(currency) ?? 2;
  const digits = { minimumFractionDigits: exponent, maximumFractionDigits: exponent };
  // A decimal string is formatted exactly, without passing through a float.
  return new Intl.NumberFormat(undefined, { style: "currency", currency, ...digits }).format(
    decimalText(Math.round(minor), exponent),
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
