import { Budget, clientKey } from "../domain/budget";
import { type ConversionKey, conversionKeyHash, hashesEqual } from "../domain/secrets";
import { withTimeout } from "../platform/timers";

/**
 * The conversion key, checked before the postback costs the database anything: random keys must
 * not make D1 the bottleneck. The isolate remembers each program's key hash, and which program
 * IDs do not exist, with when D1 last said so. Only what it cannot decide goes to D1, and boundedly:
 * - a hash other than the one it knows (the key may have been rotated elsewhere) is read again at
 *   most once a second per program, concurrent ones sharing the read; within that second a
 *   mismatch is answered from what D1 has just said;
 * - a program it has not seen is read within budgets per client and per isolate; past them the
 *   postback is asked to retry (503), never refused.
 * This is a filter, not the judge: a key it lets through is checked again against the hash read
 * with the postback's data, so a rotated key stops at once.
 */
export type KeyVerdict =
  /** `hash`: the key's, for the check against the hash read with the data (computed once). */
  | { kind: "ok"; hash: string }
  | { kind: "wrong"; programExists: boolean }
  | { kind: "busy" }
  | { kind: "unavailable" };

interface Known {
  keyHash: string | null;
  /** When D1 last gave this hash. */
  readAt: number;
}

/** How long "no such program" is believed. */
const ABSENT_TTL_MS = 60_000;
/** A mismatching hash is read again from D1 at most this often per program. */
const REREAD_MS = 1_000;
const MAX_PROGRAMS = 10_000;
const READ_TIMEOUT_MS = 3_000;
const known = new Map<string, Known>();
const reading = new Map<string, Promise<string | null>>();
const coldReads = new Budget({ rate: 2, burst: 10 });
const coldReadsPerClient = new Budget({ rate: 0.5, burst: 10 });

export function rememberKeyHash(programId: string, keyHash: string | null, now: number): void {
  known.delete(programId);
  if (known.size >= MAX_PROGRAMS) known.delete(known.keys().next().value as string);
  known.set(programId, { keyHash, readAt: now });
}

export async function checkKey(
  db: D1Database,
  key: ConversionKey,
  client: string | null,
  now: number,
): Promise<KeyVerdict> {
  const hash = await conversionKeyHash(key);
  const entry = known.get(key.programId);
  if (entry?.keyHash && hashesEqual(hash, entry.keyHash)) return { kind: "ok", hash };
  const recent = entry && now - entry.readAt < (entry.keyHash ? REREAD_MS : ABSENT_TTL_MS);
  if (entry && recent) return { kind: "wrong", programExists: entry.keyHash !== null };
  if (
    !entry &&
    !(coldReadsPerClient.spend(clientKey(client), now) && coldReads.spend("isolate", now))
  )
    return { kind: "busy" };
  let stored: string | null;
  try {
    stored = await readKeyHash(db, key.programId, now);
  } catch {
    return { kind: "unavailable" };
  }
  if (stored !== null && hashesEqual(hash, stored)) return { kind: "ok", hash };
  return { kind: "wrong", programExists: stored !== null };
}

/** The program's key hash from D1, one read for any number of concurrent callers. */
function readKeyHash(db: D1Database, programId: string, now: number): Promise<string | null> {
  let pending = reading.get(programId);
  if (!pending) {
    const read = db
      .prepare("SELECT key_hash FROM programs WHERE id = ?1")
      .bind(programId)
      .first<string>("key_hash")
      .then((stored) => {
        rememberKeyHash(programId, stored ?? null, now);
        return stored ?? null;
      });
    // Shared with later requests: given up on if the request that started it was cancelled.
    pending = withTimeout(read, READ_TIMEOUT_MS, () => {
      throw new Error("key hash read timed out");
    }).finally(() => reading.delete(programId));
    reading.set(programId, pending);
  }
  return pending;
}
