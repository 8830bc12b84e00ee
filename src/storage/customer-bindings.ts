import type { Conversion } from "../domain/conversion";

/** Table `customer_bindings`: which partner a program's customer belongs to (revenue share). */

/** Revenue share: binds the customer to the partner, only if conversion `c` was just inserted. */
export function bindCustomerStatement(db: D1Database, c: Conversion) {
  return db
    .prepare(
      `INSERT INTO customer_bindings (program_id, customer, partner_id, conversion_id, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM conversions WHERE id = ?4)
       ON CONFLICT DO NOTHING`,
    )
    .bind(c.programId, c.customer, c.partnerId, c.id, c.createdAt);
}

export function selectBindingStatement(db: D1Database, programId: string, customer: string | null) {
  return db
    .prepare(
      "SELECT partner_id, conversion_id FROM customer_bindings WHERE program_id = ?1 AND customer = ?2",
    )
    .bind(programId, customer);
}
