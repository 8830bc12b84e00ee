import { DurableObject } from "cloudflare:workers";

/** One per program: counts postbacks for the per-program rate limit. */
export class PostbackLimiter extends DurableObject<Env> {}
