/**
 * A conversion's status, on its own so that the postback's field rules (postback-fields.ts) and
 * the conversion (conversion.ts) both use it without importing each other.
 */
export type ConversionStatus = "pending" | "approved" | "refused";
