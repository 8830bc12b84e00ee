import { DurableObject } from "cloudflare:workers";

/** One per click ID: decides, once and durably, which conversion took the click. */
export class ClickGuard extends DurableObject<Env> {}
