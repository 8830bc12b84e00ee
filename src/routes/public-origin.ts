/** The origin links and postback URLs are built on: PUBLIC_BASE_URL, else the request's own. */
export function publicOrigin(env: Env, requestUrl: string): string {
  const configured = env.PUBLIC_BASE_URL.trim().replace(/\/+$/, "");
  return configured || new URL(requestUrl).origin;
}
