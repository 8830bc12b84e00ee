// The chosen program's conversions waiting for a decision, paged, each with Approve and Refuse.
import { PagedTable } from "../ui/paged.js";
import { html, useState } from "../ui/preact.js";
import { conversionColumns } from "./conversion-columns.js";
import { Decision } from "./decisions.js";

export function PendingTable({ ctx, onDecided }) {
  const [version, setVersion] = useState(0);
  const decided = () => {
    setVersion((v) => v + 1);
    onDecided?.();
  };
  const columns = [
    ...conversionColumns(ctx.names),
    ["", (c) => html`<${Decision} key=${c.conversion_id} conversion=${c} onDecided=${decided} />`],
  ];
  return html`<${PagedTable}
    id="pending"
    path=${`/conversions?program_id=${ctx.programId}&status=pending`}
    version=${version}
    columns=${columns}
    empty="Nothing waits for a decision."
  />`;
}
