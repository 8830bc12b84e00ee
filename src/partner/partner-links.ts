import { config } from "../config";
import type { Link } from "../domain/entities";
import { auditEntryOf } from "../routes/admin/audit-trail";
import { checkedDestination, issueLinkId } from "../routes/admin/link-schemas";
import { auditStatement } from "../storage/audit-log";
import { insertLink } from "../storage/links";
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
