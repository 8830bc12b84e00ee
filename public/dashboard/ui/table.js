// A table of rows: `columns` are [heading, cell(row), numeric?]; cells are text or components.
import { html } from "./preact.js";

/** `extra(row)`, when it gives something, is drawn in a full-width row under the row. */
export function Table({ id, columns, rows, empty, rowProps, extra }) {
  return html`<div class="scroll">
    <table id=${id}>
      <thead>
        <tr>
          ${columns.map(([heading, , numeric]) => html`<th class=${numeric ? "num" : null}>${heading}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${
          rows?.length
            ? rows.flatMap((row) => {
                const more = extra?.(row);
                const line = html`<tr ...${rowProps?.(row) ?? {}}>
                  ${columns.map(([, cell, numeric]) => html`<td class=${numeric ? "num" : null}>${cell(row)}</td>`)}
                </tr>`;
                return more ? [line, more] : [line];
              })
            : html`<tr><td class="empty" colspan=${columns.length}>${rows ? empty : "Loading…"}</td></tr>`
        }
      </tbody>
    </table>
  </div>`;
}

/** Copies `text` to the clipboard. */
export function CopyButton({ text }) {
  return html`<button type="button" class="secondary" onClick=${() => navigator.clipboard.writeText(text)}>
    Copy
  </button>`;
}

/** An API failure, with its request ID, or nothing. */
export function ErrorNote({ error }) {
  return error ? html`<p class="error" role="alert">${String(error)}</p>` : null;
}
