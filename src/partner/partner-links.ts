import { config } from "../config";
import { csvRow } from "../domain/csv";
import type { Link } from "../domain/entities";
import { auditEntryOf } from "../routes/admin/audit-trail";
import { checkedDestination, issueLinkId, linkJson } from "../routes/admin/link-schemas";
import { auditStatement } from "../storage/audit-log";
import { insertLink, listLinks } from "../storage/links";
import { type CursorKey, decodeCursor, MAX_PAGE_SIZE } from "../storage/pages";
import { ownProgram, partnerAudit } from "./partner-scope";

/**
 * A partner's own link (the portal's deep-link builder, or its token): only in a program it
 * belongs to (else 404), its destination on the program's allowed domains (the admin's rule and
 * 400). Audited as `partner:<id>`.
 */
export async function createPartnerLink(
  env: Env,
  partnerId: string,
  input: { program_id: string; destination?: string | null },
) {
  const program = await ownProgram(env.DB, partnerId, input.program_id);
  const link: Link = {
    id: await issueLinkId(config(env).linkIdSecret),
    programId: program.id,
    partnerId,
    destination: checkedDestination(input.destination, program),
    disabled: false,
    createdAt: Date.now(),
  };
  const audit = auditEntryOf(partnerAudit(env, partnerId), "create", "link", link.id, input);
  await insertLink(env.DB, link, [auditStatement(env.DB, audit)]);
  return { link, program };
}

const CSV_PAGES = 50; // 10,000 links at 200 a page: past any partner's, within D1's query limit
const LINK_COLUMNS = ["link_id", "program_id", "url", "destination", "disabled", "created_at"];

/**
 * The partner's links (of one program, or all) as CSV, newest first, every page of them up to
 * 10,000: the portal's "Download CSV". Cells go through the one CSV rule (domain/csv.ts).
 */
export async function partnerLinksCsv(
  db: D1Database,
  partnerId: string,
  programId: string | null,
  origin: string,
): Promise<string> {
  let csv = csvRow(LINK_COLUMNS);
  let after: CursorKey | null = null;
  for (let page = 0; page < CSV_PAGES; page++) {
    const links = await listLinks(db, programId, MAX_PAGE_SIZE, after, partnerId);
    for (const { link, program } of links.data) {
      const row = linkJson(link, program, origin);
      csv += csvRow([
        row.id,
        row.program_id,
        row.url,
        row.destination,
        row.disabled ? 1 : 0,
        row.created_at,
      ]);
    }
    if (!links.next_cursor) break;
    after = decodeCursor(links.next_cursor, 2);
  }
  return csv;
}
