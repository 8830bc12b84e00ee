import { auditFields } from "../../domain/audit-fields";
import { currentRequestId } from "../../platform/log";
import { auditStatement, type NewAuditEntry } from "../../storage/audit-log";

/** What a handler knows of its request: the bindings and the operator (src/auth/operator.ts). */
export interface AuditContext {
  env: Env;
  var: { operator: string };
}

/** The audit entry of a change made by this request, its fields scrubbed of secrets. */
export function auditEntryOf(
  c: AuditContext,
  action: string,
  resourceType: string,
  resourceId: string,
  fields?: Record<string, unknown> | null,
): NewAuditEntry {
  return {
    at: Date.now(),
    operator: c.var.operator,
    action,
    resourceType,
    resourceId,
    fields: auditFields(fields),
    requestId: currentRequestId() ?? null,
  };
}

/**
 * The statements to batch right after a change's own (storage functions take them as `also`):
 * the change and its record are one transaction.
 */
export function audited(
  c: AuditContext,
  action: string,
  resourceType: string,
  resourceId: string,
  fields?: Record<string, unknown> | null,
): D1PreparedStatement[] {
  return [auditStatement(c.env.DB, auditEntryOf(c, action, resourceType, resourceId, fields))];
}
