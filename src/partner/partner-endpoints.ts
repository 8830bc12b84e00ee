import { forgetEndpoints } from "../delivery/endpoint-cache";
import {
  type EndpointInput,
  type EndpointPatchInput,
  newEndpoint,
  patchedEndpoint,
} from "../delivery/endpoint-changes";
import { urlForAudit } from "../domain/audit-fields";
import { auditEntryOf } from "../routes/admin/audit-trail";
import { auditStatement } from "../storage/audit-log";
import { cancelPending } from "../storage/deliveries";
import { deleteEndpoint, insertEndpoint, updateEndpoint } from "../storage/endpoints";
import { notOurs, ownEndpoint, ownProgram, partnerAudit } from "./partner-scope";

/**
 * A partner's own postback endpoints: `partner_id` is always the partner (so the fan-out sends
 * it this partner's conversions only), `program_id` one of its programs or none; the admin's
 * URL, SSRF and macro rules; audited as `partner:<id>`.
 */
const audit = (env: Env, partnerId: string, action: string, id: string, fields?: object) => [
  auditStatement(
    env.DB,
    auditEntryOf(partnerAudit(env, partnerId), action, "endpoint", id, fields as never),
  ),
];

export async function createPartnerEndpoint(
  env: Env,
  partnerId: string,
  input: Omit<EndpointInput, "partner_id">,
) {
  if (input.program_id) await ownProgram(env.DB, partnerId, input.program_id);
  const endpoint = newEndpoint(env, { ...input, partner_id: partnerId }, Date.now());
  const fields = { ...input, url: urlForAudit(input.url) };
  await insertEndpoint(env.DB, endpoint, audit(env, partnerId, "create", endpoint.id, fields));
  forgetEndpoints();
  return endpoint;
}

export async function changePartnerEndpoint(
  env: Env,
  partnerId: string,
  id: string,
  patch: EndpointPatchInput,
) {
  const current = await ownEndpoint(env.DB, partnerId, id);
  const changed = patchedEndpoint(env, current, patch, Date.now(), "disabled by the partner");
  const fields = { ...patch, url: urlForAudit(patch.url) };
  await updateEndpoint(env.DB, changed, audit(env, partnerId, "update", id, fields));
  forgetEndpoints();
  if (!changed.enabled) await cancelPending(env.DB, id, changed.updatedAt);
  return changed;
}

export async function deletePartnerEndpoint(env: Env, partnerId: string, id: string) {
  await ownEndpoint(env.DB, partnerId, id);
  if (!(await deleteEndpoint(env.DB, id, audit(env, partnerId, "delete", id)))) throw notOurs();
  await cancelPending(env.DB, id, Date.now());
  forgetEndpoints();
}
