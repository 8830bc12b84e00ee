import { OpenAPIHono, z } from "@hono/zod-openapi";
import { ERRORS, invalidFields } from "../../errors";
import {
  type CursorKey,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  MAX_PAGE_SIZE,
} from "../../storage/pages";
import type { AppEnv } from "../app-env";
import { rejectInvalid } from "../validation";

/** Every admin area is its own OpenAPIHono, all sharing the zod-failure-to-400 hook. */
export function adminRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: rejectInvalid });
}

export const HexId = z
  .string()
  .regex(/^[0-9a-fA-F]{24}$/, "must be 24 hex characters")
  .transform((id) => id.toLowerCase())
  .openapi({ example: "6740a1c0f3b2a4d5e6f70812" });

export const IdParam = z.object({ id: HexId.openapi({ param: { name: "id", in: "path" } }) });

export const ListQuery = z.object({
  cursor: z
    .string()
    .max(512)
    .optional()
    .openapi({ description: "`next_cursor` of the previous page" }),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});

/** The sort key a list cursor carries, or a 400 naming `cursor`. */
export function cursorKey(cursor: string | undefined, arity: number): CursorKey | null {
  if (cursor === undefined) return null;
  const key = decodeCursor(cursor, arity);
  if (!key) throw invalidFields({ cursor: "is not a cursor this list issued" });
  return key;
}

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), next_cursor: z.string().nullable() });
}

export const ErrorSchema = z
  .object({
    status: z.literal("rejected"),
    error: z
      .object({
        code: z.enum(Object.keys(ERRORS) as [keyof typeof ERRORS, ...(keyof typeof ERRORS)[]]),
        message: z.string(),
        fields: z.record(z.string(), z.string()).optional(),
      })
      .passthrough(),
  })
  .openapi("Error");

const errorResponse = (description: string) => ({
  content: { "application/json": { schema: ErrorSchema } },
  description,
});

/** The error answers every admin route can give, for the OpenAPI document. */
export const commonErrors = {
  400: errorResponse("A field breaks its rule (`invalid_request`, with `error.fields`)"),
  401: errorResponse("Missing or wrong admin token (`unauthorized`)"),
  404: errorResponse("No such resource (`not_found`)"),
} as const;

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  content: { "application/json": { schema } },
  required: true,
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

export const iso = (ms: number) => new Date(ms).toISOString();
