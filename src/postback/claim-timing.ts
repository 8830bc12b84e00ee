/**
 * The postback's timing contract with its ClickGuard, in one place. The object waits at most
 * `claimWriteTimeoutMs` (CLAIM_WRITE_TIMEOUT_MS in config.ts, DEFAULT_CLAIM_WRITE_TIMEOUT_MS
 * unless the caller says) for its D1 write; past it the claim answers "unavailable". The Worker,
 * whose call may have failed meanwhile, reads D1 back only once that bound and the margin have
 * passed since it called (`readBackAt`), so a write still in flight cannot be missed by the
 * read-back and hidden behind a 503. The caller passes its bound to the object, so the two never
 * disagree.
 */
// The same default as CLAIM_WRITE_TIMEOUT_MS in config.ts; only callers that pass no bound use it.
export const DEFAULT_CLAIM_WRITE_TIMEOUT_MS = 5_000;

/** Beyond the ClickGuard's own write timeout, for its answer to travel back. */
const WRITE_SETTLE_MARGIN_MS = 250;

/** When the Worker may read D1 back after a claim called at `calledAt` with `boundMs`. */
export const readBackAt = (calledAt: number, boundMs: number) =>
  calledAt + boundMs + WRITE_SETTLE_MARGIN_MS;
