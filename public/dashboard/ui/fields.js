// The API's 400 answers carry `error.fields`: a dotted path ("commission.value", "goals.1.name")
// mapped to a reason phrased to follow the field's name ("must be at most 100"). These pure
// helpers put each message next to its field, and keep what no field shows for the form's top.

/** The message for one field: its own, or the first of a path below it ("commission.value"). */
export function messageFor(fields, name) {
  if (!fields) return null;
  if (fields[name]) return fields[name];
  const below = Object.keys(fields).find((path) => path.startsWith(`${name}.`));
  return below ? fields[below] : null;
}

/** The fields under `prefix` ("goals.2"), renamed without it: a sub-form's own messages. */
export function scoped(fields, prefix) {
  const out = {};
  for (const [path, message] of Object.entries(fields ?? {})) {
    if (path === prefix) out.body = message;
    else if (path.startsWith(`${prefix}.`)) out[path.slice(prefix.length + 1)] = message;
  }
  return out;
}

/** Messages no field of the form shows (`shown`: the form's field names), as "path message". */
export function unplaced(fields, shown) {
  return Object.entries(fields ?? {})
    .filter(([path]) => !shown.some((name) => path === name || path.startsWith(`${name}.`)))
    .map(([path, message]) => (path === "body" ? message : `${path} ${message}`));
}

/** One line for any failure: the API's message and, to quote to whoever runs the Worker, its ID. */
export function describeError(error) {
  const message = error?.message ?? String(error);
  return error?.requestId ? `${message} (request ID ${error.requestId})` : message;
}
