// Does delivering outbound postbacks slow the postback down? The same new postbacks, at a rate
// an operator sees (not the saturating one), with the program's two endpoints off and on in turn,
// round by round; the queue drained before each half, so each half carries only its own
// deliveries. Locally the delivery consumer runs in the same process as the postbacks (in
// production it runs apart), so this is the harder case.

import { type LoadResult, load } from "./load.ts";
import { median, type Settings } from "./measure.ts";
import { count, type Fixtures, setEndpoints, settledCount } from "./seed-data.ts";
import type { Served } from "./servers.ts";

/** Postbacks per second while measuring: busy for one program, far below saturation. */
export const HOOKED_RATE = 50;

export interface HookedLatency {
  rate: number;
  without: LoadResult;
  with: LoadResult;
  /** Median over rounds of (p50 with ÷ p50 without). */
  ratio: number;
  /** Deliveries made in the halves without and with endpoints (the check: 0, and 2 per conversion). */
  deliveries: { without: number; with: number; conversionsWith: number };
}

export async function hookedLatency(
  tracker: Served,
  fixtures: Fixtures,
  endpointIds: string[],
  s: Settings,
  firstClick: number,
): Promise<HookedLatency> {
  let next = firstClick;
  const target = {
    url: `${tracker.url}/`,
    pid: tracker.pid,
    nextPath: () => {
      const i = next++;
      const cid = fixtures.postbackClicks[i % fixtures.postbackClicks.length];
      return `/?key=${fixtures.key}&id=paired-${i}&amount=49.90&currency=EUR&cids=${cid}`;
    },
  };
  const deliveries = () => count(tracker, "SELECT COUNT(*) AS n FROM deliveries");
  const conversions = () => count(tracker, "SELECT COUNT(*) AS n FROM conversions");
  const half = async (enabled: boolean) => {
    await setEndpoints(tracker, endpointIds, enabled);
    const before = await settledCount(tracker, "SELECT COUNT(*) AS n FROM deliveries");
    const registeredBefore = await conversions();
    const result = await load({ ...target, seconds: s.seconds, connections: 1, rate: HOOKED_RATE });
    // The load stops with one postback maybe still in flight: let it land before counting.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const registered = (await conversions()) - registeredBefore;
    // Every registered postback owes one delivery per enabled endpoint: wait for them (30 s at most).
    const owed = enabled ? registered * endpointIds.length : 0;
    const deadline = Date.now() + 30_000;
    let made = (await deliveries()) - before;
    while (made < owed && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      made = (await deliveries()) - before;
    }
    // The last events may still wait in the queue for their batch (1 s): let them go out
    // before the endpoints change, or they would count in the next half.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    return { result, made: (await deliveries()) - before, registered };
  };
  const rounds: { without: LoadResult; with: LoadResult }[] = [];
  const made = { without: 0, with: 0, conversionsWith: 0 };
  for (let round = 0; round < s.rounds; round++) {
    // Alternating which half goes first, so neither always follows the other.
    const first = await half(round % 2 === 1);
    const second = await half(round % 2 === 0);
    const [without, withHooks] = round % 2 === 0 ? [first, second] : [second, first];
    made.without += without.made;
    made.with += withHooks.made;
    made.conversionsWith += withHooks.registered;
    rounds.push({ without: without.result, with: withHooks.result });
  }
  const of = (side: "without" | "with") => ({
    ...(rounds[rounds.length - 1]?.[side] as LoadResult),
    p50: median(rounds.map((r) => r[side].p50)),
    p99: median(rounds.map((r) => r[side].p99)),
  });
  return {
    rate: HOOKED_RATE,
    without: of("without"),
    with: of("with"),
    ratio: median(rounds.map((r) => r.with.p50 / r.without.p50)),
    deliveries: made,
  };
}
