import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { ERRORS } from "../../errors";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../../storage/pages";
import type { AdminEnv } from "../app-env";
import { rejectInvalid } from "../validation";

/** How admin routes are declared: routers, route shapes, and the errors they document. */

/** Every admin area is its own OpenAPIHono, all sharing the zod-failure-to-400 hook. */
export function adminRouter() {
  return new OpenAPIHono<AdminEnv>({ defaultHook: rejectInvalid });
}

export const ListQuery = z.object({
  cursor: z
    .string()
    .max(512)
    .optional()
    .openapi({ description: "`next_cursor` of the previous page" }),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});

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
        request_id: z.string().openapi({ description: "The request's ID, as in `X-Request-Id`" }),
      })
      .passthrough(),
  })
  .openapi("Error");

export const errorResponse = (description: string) => ({
  content: { "application/json": { schema: ErrorSchema } },
  description,
});

/** The error answers every admin route can give, for the OpenAPI document. */
export const commonErrors: Record<400 | 401 | 403 | 404 | 503, ReturnType<typeof errorResponse>> = {
  400: errorResponse("A field breaks its rule (`invalid_request`, with `error.fields`)"),
  401: errorResponse(
    "Missing or wrong admin token, or no valid Cloudflare Access JWT (`unauthorized`)",
  ),
  403: errorResponse(
    "A change signed in through Cloudflare Access from another origin (`cross_site_request`)",
  ),
  404: errorResponse("No such resource (`not_found`)"),
  503: errorResponse(
    "Storage unavailable (`temporarily_unavailable`), or Access's keys could not be fetched " +
      "(`access_unavailable`); retry after `Retry-After`",
  ),
} as const;

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  content: { "application/json": { schema } },
  required: true,
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

/** A list route: `GET path` with the cursor, limit and `query` filters, answering a page. */
export function listRoute<
  Q extends z.ZodRawShape = Record<never, never>,
  P extends z.ZodObject = z.ZodObject<Record<never, never>>,
>(options: {
  tags: string[];
  summary: string;
  item: z.ZodType;
  path?: string;
  query?: Q;
  params?: P;
  errors?: typeof commonErrors;
}) {
  return createRoute({
    method: "get",
    path: options.path ?? "/",
    tags: options.tags,
    summary: options.summary,
    request: {
      query: ListQuery.extend(options.query ?? ({} as Q)),
      params: options.params ?? (z.object({}) as P),
    },
    responses: {
      200: jsonResponse(pageOf(options.item), "A page"),
      ...(options.errors ?? commonErrors),
    },
  });
}

/** `POST /`: creates a record from its JSON body and answers it, `201`. */
export function createItemRoute<B extends z.ZodType>(options: {
  tags: string[];
  summary: string;
  body: B;
  item: z.ZodType;
  description: string;
  errors?: typeof commonErrors;
}) {
  return createRoute({
    method: "post",
    path: "/",
    tags: options.tags,
    summary: options.summary,
    request: { body: jsonBody(options.body) },
    responses: {
      201: jsonResponse(options.item, options.description),
      ...(options.errors ?? commonErrors),
    },
  });
}

/** `GET /{id}` (or `path`): one record, `200`, or a 404. */
export function readRoute<P extends z.ZodObject>(options: {
  tags: string[];
  summary: string;
  params: P;
  item: z.ZodType;
  description: string;
  path?: string;
  errors?: typeof commonErrors;
}) {
  return createRoute({
    method: "get",
    path: options.path ?? "/{id}",
    tags: options.tags,
    summary: options.summary,
    request: { params: options.params },
    responses: {
      200: jsonResponse(options.item, options.description),
      ...(options.errors ?? commonErrors),
    },
  });
}

/** `PATCH /{id}`: changes a record from its JSON body and answers it, `200`. */
export function changeRoute<P extends z.ZodObject, B extends z.ZodType>(options: {
  tags: string[];
  summary: string;
  params: P;
  body: B;
  item: z.ZodType;
  description: string;
  errors?: typeof commonErrors;
}) {
  return createRoute({
    method: "patch",
    path: "/{id}",
    tags: options.tags,
    summary: options.summary,
    request: { params: options.params, body: jsonBody(options.body) },
    responses: {
      200: jsonResponse(options.item, options.description),
      ...(options.errors ?? commonErrors),
    },
  });
}
