// One source's actions: enable, disable (asks first), rotate the signing secret (asks first; the
// old one keeps verifying 24 h, so the platform and this page can switch over), delete (asks).
import { api } from "../ui/api.js";
import { ConfirmButton } from "../ui/confirm.js";
import { messageFor } from "../ui/fields.js";
import { when } from "../ui/format.js";
import { html, useState } from "../ui/preact.js";
import { ErrorNote } from "../ui/table.js";

function Rotate({ path, id, onChanged, onNotice }) {
  const [secret, setSecret] = useState(null);
  const [error, setError] = useState(null);
  if (secret === null)
    return html`<button type="button" class="secondary" data-rotate=${id} onClick=${() => setSecret("")}>Rotate secret</button>`;
  const message = messageFor(error?.fields, "signing_secret");
  const rotate = () =>
    api(path, { method: "PATCH", body: { signing_secret: secret } }).then(
      (source) => {
        setSecret(null);
        setError(null);
        onNotice(
          `Secret replaced: the old one works until ${when(source.previous_secret_valid_until)}.`,
        );
        onChanged();
      },
      (failure) => setError(failure),
    );
  const key = `rotate-${id}`;
  return html`<div class="actions">
    <label for=${key}>New signing secret</label>
    <input id=${key} type="password" autocomplete="off" value=${secret}
      aria-invalid=${message ? "true" : null} aria-describedby=${message ? `${key}-error` : null}
      onInput=${(e) => setSecret(e.currentTarget.value)} />
    ${message && html`<span class="field-error" id=${`${key}-error`}>${message}</span>`}
    <${ConfirmButton} label="Rotate" danger=${false} data-rotate-confirm=${id}
      question="Replace the signing secret? The old one keeps working 24 h." onConfirm=${rotate} />
    <button type="button" class="secondary" onClick=${() => setSecret(null)}>Cancel</button>
    ${!message && html`<${ErrorNote} error=${error} />`}
  </div>`;
}

export function SourceActions({ source, onChanged, onNotice }) {
  const [error, setError] = useState(null);
  const path = `/programs/${source.program_id}/sources/${source.id}`;
  const set = (enabled) =>
    api(path, { method: "PATCH", body: { enabled } }).then(onChanged, setError);
  return html`<div class="actions">
    ${
      source.enabled
        ? html`<${ConfirmButton} label="Disable" data-toggle=${source.id} danger=${false}
            question="Disable this source? Its events are answered but change nothing until it is enabled again."
            onConfirm=${() => set(false)} />`
        : html`<button type="button" class="secondary" data-toggle=${source.id} onClick=${() => set(true)}>Enable</button>`
    }
    <${Rotate} path=${path} id=${source.id} onChanged=${onChanged} onNotice=${onNotice} />
    <${ConfirmButton} label="Delete" data-delete=${source.id}
      question="Delete this source? Its URL answers 404 from now on."
      onConfirm=${() => api(path, { method: "DELETE" }).then(onChanged)} />
    <${ErrorNote} error=${error} />
  </div>`;
}
