import { idLowerBound } from "./ids";

const DAY_MS = 86_400_000;

/** A program as retention sees it: how long its clicks can still convert. */
export interface ProgramWindow {
  id: string;
  attributionWindowDays: number;
}

/**
 * Where click retention stops, as click IDs (time-prefixed, so `id < before` means "older than"):
 * a click is deleted once it is past RETENTION_DAYS *and* past its program's attribution window,
 * so no click is deleted while a postback could still convert it.
 */
export interface ClickCutoffs {
  /** No click at or after this ID is past retention for any program: the scan ends here. */
  scanBefore: string;
  /** Per program (hex ID): its clicks before this ID may go. */
  byProgram: Record<string, string>;
  /** For a click whose program is unknown: the longest any program keeps. */
  fallback: string;
}

export function clickCutoffs(
  now: number,
  retentionDays: number,
  programs: ProgramWindow[],
): ClickCutoffs {
  const cutoffOf = (days: number) =>
    idLowerBound((now - Math.max(retentionDays, days) * DAY_MS) / 1000);
  const byProgram: Record<string, string> = {};
  let longest = retentionDays;
  let shortest = Number.POSITIVE_INFINITY;
  for (const program of programs) {
    const days = Math.max(retentionDays, program.attributionWindowDays);
    byProgram[program.id.toLowerCase()] = cutoffOf(days);
    longest = Math.max(longest, days);
    shortest = Math.min(shortest, days);
  }
  return {
    scanBefore: cutoffOf(Number.isFinite(shortest) ? shortest : longest),
    byProgram,
    fallback: cutoffOf(longest),
  };
}

/**
 * What one run may spend of Workers' 1,000 D1 queries an invocation, in statements (a batch's
 * count one each). Each step gets its share, so a backlog in one never starves the others;
 * what a share leaves undone waits for the next run, which starts where this one stopped.
 */
export class QueryAllowance {
  constructor(private left: number) {}

  /** Takes `n` statements if they are still there. */
  take(n: number): boolean {
    if (this.left < n) return false;
    this.left -= n;
    return true;
  }

  get remaining(): number {
    return this.left;
  }
}
