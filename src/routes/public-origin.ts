import { config } from "../config";

/** The origin links and postback URLs are built on: PUBLIC_BASE_URL, else the request's own. */
export function publicOrigin(env: Env, requestUrl: string): string {
  return config(env).publicBaseUrl ?? new URL(requestUrl).origin;
}
