import { DurableObject } from "cloudflare:workers";
import { config } from "../config";
import type { Conversion, ConversionSummary } from "../domain/conversion";
import type { PostbackLogEntry } from "../domain/entities";
import { DEFAULT_GOAL } from "../domain/goals";
import { fromLegacyMinorUnits } from "../domain/legacy-minor-units";
import { withLogContext } from "../platform/log";
import { withTimeout } from "../platform/timers";
import { type Registration, writeConversion } from "../storage/conversion-writes";
import { DEFAULT_CLAIM_WRITE_TIMEOUT_MS } from "./claim-timing";

/**
 * Where the object keeps the conversion that took its click for a goal: `conversion` for `sale`
 * (the key predates goals, and every conversion from then is a sale), `conversion:<goal>` else.
 */
const claimKey = (goal: string) => (goal === DEFAULT_GOAL ? "conversion" : `conversion:${goal}`);

/**
 * What the object keeps; `scale` marks amounts in ISO 4217 minor units (see migration 0004), and a
 * claim kept before goals has no `goal` (it was a sale).
 */
type StoredClaim = Omit<ConversionSummary, "goal"> & { goal?: string; scale?: "iso-4217" };

/**
 * One per click ID (`idFromName(aecid)`): the single place that decides which conversion takes
 * the click. Calls run one at a time (`blockConcurrencyWhile`), so of any number of racing
 * postbacks exactly one reaches D1 first; the winner is then kept in this object's own storage
 * and every later claim is answered from it without touching D1.
 *
 * One decision per goal: for each (non-repeatable) goal, FREE -> CONVERTED(order); a lead and then
 * a sale from the same click are two decisions. D1's unique indexes stay the durable backstop: if
 * this object's storage were ever lost, the next claim re-learns the winner from D1.
 */
export class ClickGuard extends DurableObject<Env> {
  /**
   * A conversion claims the click: the first one gets it, the others learn who did. The
   * postback's `requestId` goes on the object's log lines, which run in its own invocation.
   */
  claim(
    conversion: Conversion,
    bindCustomer: boolean,
    log: PostbackLogEntry,
    writeTimeoutMs = DEFAULT_CLAIM_WRITE_TIMEOUT_MS,
    requestId?: string,
  ): Promise<Registration> {
    const decide = () => this.decide(conversion, bindCustomer, log, writeTimeoutMs);
    return requestId === undefined ? decide() : withLogContext({ request_id: requestId }, decide);
  }

  private decide(
    conversion: Conversion,
    bindCustomer: boolean,
    log: PostbackLogEntry,
    writeTimeoutMs: number,
  ): Promise<Registration> {
    return this.ctx.blockConcurrencyWhile(async () => {
      const claimed = this.claimedBy(conversion.goal);
      if (claimed) {
        const sameOrder =
          claimed.programId === conversion.programId && claimed.orderId === conversion.orderId;
        return sameOrder
          ? { kind: "duplicate", conversion: claimed }
          : { kind: "click_taken", existing: claimed };
      }
      const outcome = await withTimeout(
        writeConversion(
          this.env.DB,
          conversion,
          bindCustomer,
          log,
          config(this.env).reportValueCap,
        ),
        writeTimeoutMs,
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

  /** The conversion that took the click, with amounts in ISO 4217 minor units however stored. */
  private claimedBy(goal: string): ConversionSummary | null {
    const stored = this.ctx.storage.kv.get<StoredClaim>(claimKey(goal));
    if (!stored) return null;
    const { scale, ...kept } = stored;
    const claim = { ...kept, goal: kept.goal ?? DEFAULT_GOAL };
    if (scale === "iso-4217") return claim;
    return {
      ...claim,
      amount: fromLegacyMinorUnits(claim.amount, claim.currency),
      commission: fromLegacyMinorUnits(claim.commission, claim.commissionCurrency),
    };
  }

  private keep(claim: ConversionSummary): void {
    this.ctx.storage.kv.put<StoredClaim>(claimKey(claim.goal), { ...claim, scale: "iso-4217" });
  }
}
