import type { z } from "zod";
import { fieldsOf } from "../domain/field-errors";
import { invalidFields } from "../errors";

/** The `defaultHook` of every admin router: a failed zod validation becomes a 400 with fields. */
export function rejectInvalid(
  result: { success: true } | { success: false; error: z.ZodError; target: string },
) {
  if (!result.success) throw invalidFields(fieldsOf(result.error, result.target));
}
