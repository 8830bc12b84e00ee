// Paging through the API's lists, pure: lists answer {data, next_cursor}; a page is asked for with
// `cursor` and `limit`. The API only goes forward, so the cursors that led to each page already
// seen are kept, and "Previous" goes back to the one before.

/** The first page: no cursor behind it, its own unknown until it is read. */
export const firstPage = () => ({ cursors: [null], index: 0, next: null });

/** The page just read named the next one (or null: it was the last). */
export const withNext = (state, next) => ({ ...state, next: next ?? null });

export const hasNext = (state) => state.next !== null;
export const hasPrevious = (state) => state.index > 0;

export function nextPage(state) {
  if (!hasNext(state)) return state;
  const cursors = [...state.cursors.slice(0, state.index + 1), state.next];
  return { cursors, index: state.index + 1, next: null };
}

export function previousPage(state) {
  if (!hasPrevious(state)) return state;
  return { cursors: state.cursors, index: state.index - 1, next: null };
}

/** `path` with the page's cursor and the limit added to its query string. */
export function pagePath(path, state, limit) {
  const cursor = state.cursors[state.index];
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set("cursor", cursor);
  return `${path}${path.includes("?") ? "&" : "?"}${query}`;
}

/** A query string of the filters that have a value ("" and null left out). */
export const filterQuery = (filters) =>
  new URLSearchParams(
    Object.entries(filters).filter(([, value]) => value !== "" && value != null),
  ).toString();
