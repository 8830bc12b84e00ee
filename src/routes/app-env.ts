/** The Hono environment every route shares: the Worker's generated `Env` bindings. */
export interface AppEnv {
  Bindings: Env;
}

import type { SignedInPartner } from "../partner/partner-auth";

/** The admin API's environment: the bindings, and who the request speaks for (src/auth). */
export interface AdminEnv extends AppEnv {
  Variables: { operator: string };
}

/** The partner API's environment: the bindings, and the partner the request speaks for. */
export interface PartnerEnv extends AppEnv {
  Variables: { partner: SignedInPartner };
}
