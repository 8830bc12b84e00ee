// Dead-lettered click batches: how many are held, the oldest ones, and Replay (asks first), which
// sends them back to the click queue in sends under the Queues limits.
import { api } from "../ui/api.js";
import { ConfirmButton } from "../ui/confirm.js";
import { count, when } from "../ui/format.js";
import { html, useEffect, useState } from "../ui/preact.js";
import { ErrorNote, Table } from "../ui/table.js";

const columns = [
  ["Dead since", (l) => when(l.dead_at)],
  ["Clicks", (l) => count(l.clicks), true],
  ["First click", (l) => when(l.first_click_at)],
];

export function DeadLettersArea() {
  const [letters, setLetters] = useState(null);
  const [error, setError] = useState(null);
  const [result, setResult] = useState(null);
  const [old, setOld] = useState(false);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    api("/dead-letters").then(setLetters, setError);
  }, [version]);
  async function replay() {
    const answer = await api(`/dead-letters/replay${old ? "?include_old=true" : ""}`, {
      method: "POST",
    });
    setResult(answer);
    setVersion((v) => v + 1);
  }
  return html`<section>
    <h2>Dead letters</h2>
    <${ErrorNote} error=${error} />
    <p id="dead-letter-count" class="status">${letters ? `${count(letters.count)} held` : "Loading…"}</p>
    <label class="check"><input type="checkbox" checked=${old} onChange=${(e) => setOld(e.currentTarget.checked)} />
      Also replay old letters (their counters may count twice)</label>
    ${letters?.count > 0 && html`<${ConfirmButton} label="Replay" danger=${false} question=${`Send ${letters.count} dead-lettered batches back to the click queue?`} onConfirm=${replay} />`}
    ${result && html`<p class="status" role="status">Replayed ${result.replayed}; ${result.remaining} remaining, ${result.held_back} held back. ${result.message ?? ""}</p>`}
    <${Table} id="dead-letters" columns=${columns} rows=${letters?.data} empty="No dead letter: every click batch was stored." />
  </section>`;
}
