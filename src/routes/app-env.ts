/** The Hono environment every route shares: the Worker's generated `Env` bindings. */
export interface AppEnv {
  Bindings: Env;
}

/** The admin API's environment: the bindings, and who the request speaks for (src/auth). */
export interface AdminEnv extends AppEnv {
  Variables: { operator: string };
}
