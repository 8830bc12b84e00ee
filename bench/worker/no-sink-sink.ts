// The benchmark's no-sink build: the Worker exactly as deployed, except that the redirect hands
// its clicks and hits to nothing. The bench's build substitutes this module for
// src/click/sink.ts at bundle time (wrangler's `--alias`), so no production module has a
// seam for it. Measured beside the full build, it shows the Worker's own work per click apart
// from the sink's (batching, hashing, queueing, and the local D1 and queue simulations that run
// in the same process). Built by `npm run bench` only; never deployed.
import type { sink as realSink } from "../../src/click/sink";

export const sink: typeof realSink = Object.freeze({ click: () => {}, hit: () => {} });
