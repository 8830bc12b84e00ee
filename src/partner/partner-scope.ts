import type { Conversion } from "../domain/conversion";
import type { Program } from "../domain/entities";
import type { Endpoint } from "../domain/outbound";
import { ApiError } from "../errors";
import { getConversion } from "../storage/conversions";
import { getEndpoint } from "../storage/endpoints";
import { getLinkWithProgram, type LinkWithProgram } from "../storage/links";
import { getPartnerProgram } from "../storage/partner-programs";

/**
 * What a partner may name by ID: its programs, links, conversions and endpoints. Anything else,
 * another's or none at all, is the same 404: existence leaks nothing.
 */
export const notOurs = () => new ApiError("not_found");

export async function ownProgram(db: D1Database, partnerId: string, id: string): Promise<Program> {
  const program = await getPartnerProgram(db, partnerId, id);
  if (!program) throw notOurs();
  return program;
}

export async function ownLink(db: D1Database, partnerId: string, id: string) {
  const found: LinkWithProgram | null = await getLinkWithProgram(db, id);
  if (!found || found.link.partnerId !== partnerId) throw notOurs();
  return found;
}

export async function ownConversion(
  db: D1Database,
  partnerId: string,
  id: string,
): Promise<Conversion> {
  const conversion = await getConversion(db, id);
  if (!conversion || conversion.partnerId !== partnerId) throw notOurs();
  return conversion;
}

/** The partner's endpoints are those with its `partner_id`, whoever created them. */
export async function ownEndpoint(db: D1Database, partnerId: string, id: string) {
  const endpoint: Endpoint | null = await getEndpoint(db, id);
  if (!endpoint || endpoint.partnerId !== partnerId) throw notOurs();
  return endpoint;
}

/** A partner's change, kept in the audit log as the operator's are: who is `partner:<id>`. */
export const partnerAudit = (env: Env, partnerId: string) => ({
  env,
  var: { operator: `partner:${partnerId}` },
});
