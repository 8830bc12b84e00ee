// Forms that speak the API's language: the API validates (one set of rules, zod at its edge) and
// its 400 answer's per-field messages appear next to the fields they name; whatever no field
// shows, and the request ID of any failure, appears above the button.
import { ApiError } from "./api.js";
import { messageFor, unplaced } from "./fields.js";
import { html, useState } from "./preact.js";

/** Forms drawn so far: each form's fields get ids of their own (two forms may share names). */
let forms = 0;

export function useForm(initial) {
  const [uid] = useState(() => `form${++forms}`);
  const [values, setValues] = useState(initial);
  const [fields, setFields] = useState({});
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (name) => (event) => {
    const input = event.currentTarget;
    const value = input.type === "checkbox" ? input.checked : input.value;
    setValues((current) => ({ ...current, [name]: value }));
  };
  /** Runs `work(values)`; a refusal's messages go to the fields. True when it succeeded. */
  async function submit(work) {
    setBusy(true);
    setError(null);
    try {
      await work(values);
      setFields({});
      return true;
    } catch (failure) {
      setFields(failure instanceof ApiError ? failure.fields : {});
      setError(failure);
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { uid, values, setValues, set, fields, setFields, error, busy, submit };
}

/**
 * One labelled input (or select, with `options` as [value, label]); `path` is the API's name for
 * the field when it differs from `name` ("commission.value"). The label holds its text alone
 * (`for`), so the field's accessible name is the label; the hint and the API's message are tied
 * to it by `aria-describedby`.
 */
export function Field({ form, name, label, path, options, type = "text", hint, id, ...rest }) {
  const message = messageFor(form.fields, path ?? name);
  const key = id ?? `${form.uid}-${name}`;
  const described = [hint && `${key}-hint`, message && `${key}-error`].filter(Boolean).join(" ");
  const common = {
    id: key,
    name,
    "aria-invalid": message ? "true" : null,
    "aria-describedby": described || null,
    ...rest,
  };
  const control = options
    ? html`<select ...${common} value=${form.values[name]} onChange=${form.set(name)}>
        ${options.map(([value, text]) => html`<option value=${value}>${text}</option>`)}
      </select>`
    : type === "checkbox"
      ? html`<input type="checkbox" ...${common} checked=${!!form.values[name]} onChange=${form.set(name)} />`
      : html`<input type=${type} ...${common} value=${form.values[name] ?? ""} onInput=${form.set(name)} />`;
  const caption = html`<label for=${key}>${label}</label>`;
  return html`<div class=${type === "checkbox" ? "field check" : "field"}>
    ${type === "checkbox" ? [control, caption] : [caption, control]}
    ${hint ? html`<small id=${`${key}-hint`}>${hint}</small>` : null}
    ${message ? html`<span class="field-error" id=${`${key}-error`} data-field-error=${path ?? name}>${message}</span>` : null}
  </div>`;
}

/** A form: its fields (`children`), the messages no field shows, and its submit button. */
/** `label` names the form (its role "form"), so tests and screen readers find it by name. */
export function Form({ form, onSubmit, submit, shown = [], id, label, children }) {
  const rest = unplaced(form.fields, shown);
  const failed = form.error && !Object.keys(form.fields).length;
  return html`<form
    id=${id}
    aria-label=${label ?? submit}
    class="form"
    novalidate
    onSubmit=${(event) => {
      event.preventDefault();
      form.submit(onSubmit);
    }}
  >
    ${children}
    ${rest.map((text) => html`<p class="error" role="alert">${text}</p>`)}
    ${form.error && !failed ? html`<p class="error-id">${String(form.error)}</p>` : null}
    ${failed ? html`<p class="error" role="alert">${String(form.error)}</p>` : null}
    <div class="form-actions"><button type="submit" disabled=${form.busy}>${submit}</button></div>
  </form>`;
}
