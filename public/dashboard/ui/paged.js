// A paged list from the API: one page at a time (cursor and limit), "Previous" and "Next".
// `path` carries the filters; a new path starts again from the first page.

import { api } from "./api.js";
import {
  firstPage,
  hasNext,
  hasPrevious,
  nextPage,
  pagePath,
  previousPage,
  withNext,
} from "./paging.js";
import { html, useEffect, useState } from "./preact.js";
import { ErrorNote, Table } from "./table.js";

export function usePage(path, limit = 50, version = 0) {
  // The paging belongs to its path: other filters start from their first page (at once, so no
  // request ever carries one list's cursor to another); a new `version` reloads the same page.
  const [held, setHeld] = useState({ path, state: firstPage() });
  const paging = held.path === path ? held.state : firstPage();
  const setPaging = (change) =>
    setHeld((h) => ({ path, state: change(h.path === path ? h.state : firstPage()) }));
  const [rows, setRows] = useState(null);
  const [error, setError] = useState(null);
  const at = pagePath(path ?? "", paging, limit);
  useEffect(() => {
    if (!path) return;
    let current = true;
    setError(null);
    api(at)
      .then((page) => {
        if (!current) return;
        setRows(page.data);
        setPaging((state) => withNext(state, page.next_cursor));
      })
      .catch((failure) => current && setError(failure));
    // An answer a newer request overtook is dropped.
    return () => {
      current = false;
    };
  }, [at, version]);
  return { rows, error, paging, setPaging };
}

export function Pager({ paging, setPaging }) {
  if (!hasNext(paging) && !hasPrevious(paging)) return null;
  return html`<div class="pager">
    <button type="button" class="secondary" disabled=${!hasPrevious(paging)} onClick=${() => setPaging(previousPage)}>
      Previous
    </button>
    <span>Page ${paging.index + 1}</span>
    <button type="button" class="secondary" disabled=${!hasNext(paging)} onClick=${() => setPaging(nextPage)}>
      Next
    </button>
  </div>`;
}

/** A paged table of `path`'s rows. */
export function PagedTable({ id, path, columns, empty, limit, version, rowProps, extra }) {
  const { rows, error, paging, setPaging } = usePage(path, limit, version);
  return html`<${ErrorNote} error=${error} />
    <${Table} id=${id} columns=${columns} rows=${rows} empty=${empty} rowProps=${rowProps} extra=${extra} />
    <${Pager} paging=${paging} setPaging=${setPaging} />`;
}
