import { Hono } from "hono";
import { ApiError } from "./errors";
import { adminApi } from "./routes/admin";
import type { AppEnv } from "./routes/app-env";
import { clicks } from "./routes/clicks";
import { errorResponse } from "./routes/error-response";
import { postbacks } from "./routes/postbacks";

export const app = new Hono<AppEnv>();

app.route("/api", adminApi);
app.route("/", clicks);
app.route("/", postbacks);

app.notFound((c) => {
  const path = c.req.path;
  if (path === "/api" || path.startsWith("/api/")) return errorResponse(new ApiError("not_found"));
  return c.text("Not found", 404, { "Cache-Control": "no-store" });
});

app.onError((error) => errorResponse(error));
