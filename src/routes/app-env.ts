/** The Hono environment every route shares: the Worker's generated `Env` bindings. */
export interface AppEnv {
  Bindings: Env;
}
