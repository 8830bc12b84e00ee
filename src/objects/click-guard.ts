import { DurableObject } from "cloudflare:workers";
import type { Conversion, ConversionSummary } from "../domain/conversion";
import { fromLegacyMinorUnits } from "../domain/legacy-minor-units";
import { type Registration, registerInD1 } from "../services/conversion-registry";
import { withTimeout } from "../services/timeouts";
import type { PostbackLogEntry } from "../storage/postback-log";

const DECISION = "conversion";

/**
 * How long the object waits for its D1 write. Past it the call answers "unavailable", and the
 * Worker, whose call may have failed meanwhile, rechecks D1 only once this bound has passed, so a
 * write still in flight cannot be missed by the recheck and hidden behind a 503.
 */
export const REGISTRATION_WRITE_TIMEOUT_MS = 5_000;

/** What the object keeps; `scale` marks amounts in ISO 4217 minor units (see migration 0004). */
type StoredDecision = ConversionSummary & { scale?: "iso-4217" };

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
      const decided = this.decision();
      if (decided) {
        const sameOrder =
          decided.programId === conversion.programId && decided.orderId === conversion.orderId;
        return sameOrder
          ? { kind: "duplicate", conversion: decided }
          : { kind: "click_taken", existing: decided };
      }
      const outcome = await withTimeout(
        registerInD1(this.env.DB, conversion, bindCustomer, log),
        REGISTRATION_WRITE_TIMEOUT_MS,
        (): Registration => ({ kind: "unavailable" }),
      );
      if (outcome.kind === "registered" || outcome.kind === "duplicate") {
        this.keep(outcome.conversion);
      } else if (outcome.kind === "click_taken") {
        this.keep(outcome.existing);
      }
      return outcome;
    });
  }

  /** The decision, if any, with amounts in ISO 4217 minor units whenever it was stored. */
  decision(): ConversionSummary | null {
    const stored = this.ctx.storage.kv.get<StoredDecision>(DECISION);
    if (!stored) return null;
    const { scale, ...decision } = stored;
    if (scale === "iso-4217") return decision;
    return {
      ...decision,
      amount: fromLegacyMinorUnits(decision.amount, decision.currency),
      commission: fromLegacyMinorUnits(decision.commission, decision.commissionCurrency),
    };
  }

  private keep(decision: ConversionSummary): void {
    this.ctx.storage.kv.put<StoredDecision>(DECISION, { ...decision, scale: "iso-4217" });
  }
}
