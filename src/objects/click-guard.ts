import { DurableObject } from "cloudflare:workers";
import type { Conversion, ConversionSummary } from "../domain/conversion";
import { type Registration, registerInD1 } from "../services/conversion-registry";
import type { PostbackLogEntry } from "../storage/postback-log";

const DECISION = "conversion";

/**
 * One per click ID (`idFromName(aecid)`): the single place that decides which conversion takes
 * the click. Calls run one at a time (`blockConcurrencyWhile`), so of any number of racing
 * postbacks exactly one reaches D1 first; the decision is then kept in this object's own storage
 * and every later call is answered from it without touching D1.
 *
 * States: FREE -> CONVERTED(order). D1's unique indexes stay the durable backstop: if this
 * object's storage were ever lost, the next call re-learns the decision from D1.
 */
export class ClickGuard extends DurableObject<Env> {
  register(
    conversion: Conversion,
    bindCustomer: boolean,
    log: PostbackLogEntry,
  ): Promise<Registration> {
    return this.ctx.blockConcurrencyWhile(async () => {
      const decided = this.ctx.storage.kv.get<ConversionSummary>(DECISION);
      if (decided) {
        const sameOrder =
          decided.programId === conversion.programId && decided.orderId === conversion.orderId;
        return sameOrder
          ? { kind: "duplicate", conversion: decided }
          : { kind: "click_taken", existing: decided };
      }
      const outcome = await registerInD1(this.env.DB, conversion, bindCustomer, log);
      if (outcome.kind === "registered" || outcome.kind === "duplicate") {
        this.ctx.storage.kv.put(DECISION, outcome.conversion);
      } else if (outcome.kind === "click_taken") {
        this.ctx.storage.kv.put(DECISION, outcome.existing);
      }
      return outcome;
    });
  }

  /** The decision, if any (tests read it to check what the object keeps). */
  decision(): ConversionSummary | null {
    return this.ctx.storage.kv.get<ConversionSummary>(DECISION) ?? null;
  }
}
