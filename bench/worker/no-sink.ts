// The benchmark's no-sink build: the Worker exactly as deployed, except that the redirect hands
// its clicks and hits to nothing. Measured beside the full build, it shows the Worker's own work
// per click apart from the sink's (batching, hashing, queueing, and the local D1 and queue
// simulations that run in the same process). Built by `npm run bench` only; never deployed.
import { sink } from "../../src/click/click-sink";
import worker, { ClickGuard, DeadLetters, PostbackLimiter } from "../../src/index";

sink.click = () => {};
sink.hit = () => {};

export { ClickGuard, DeadLetters, PostbackLimiter };
export default worker;
