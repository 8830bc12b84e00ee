/**
 * Wraps the real D1 binding (no mock: every statement still runs on D1) to record each statement
 * with its metadata, and to inject failures into chosen statements. Handed to the Worker through
 * its `env`, the seam every binding already goes through.
 */
export interface Recorded {
  sql: string;
  method: "run" | "all" | "first" | "raw" | "batch";
  rowsRead?: number;
  rowsWritten?: number;
  /** Characters in the largest bound string parameter (D1 takes at most 2 MB in one). */
  largestParameter: number;
}

export interface Spy {
  db: D1Database;
  statements: Recorded[];
  /** Round trips to D1: one per run/all/first/raw, one per batch. */
  calls: () => number;
  /** Makes statements whose SQL matches fail with `error` (`times` times, default: always). */
  failWhen(match: RegExp, error?: Error, times?: number): void;
  /** Makes statements whose SQL matches never answer, like a read whose request was cancelled. */
  hangWhen(match: RegExp): void;
  heal(): void;
}

interface Wrapped {
  inner: D1PreparedStatement;
  sql: string;
  largestParameter: number;
}

export function spyD1(real: D1Database, statements: Recorded[] = []): Spy {
  let calls = 0;
  let fault: { match: RegExp; error: Error; left: number } | null = null;
  let hang: RegExp | null = null;
  const check = async (sql: string) => {
    if (hang?.test(sql)) await new Promise(() => {});
    if (fault && fault.left > 0 && fault.match.test(sql)) {
      fault.left--;
      throw fault.error;
    }
  };
  const record = (w: Wrapped, method: Recorded["method"], meta?: D1Meta) =>
    statements.push({
      sql: w.sql,
      method,
      rowsRead: meta?.rows_read,
      rowsWritten: meta?.rows_written,
      largestParameter: w.largestParameter,
    });

  const wrap = (
    inner: D1PreparedStatement,
    sql: string,
    largestParameter = 0,
  ): D1PreparedStatement => {
    const self: Wrapped = { inner, sql, largestParameter };
    const once = async <T>(
      method: Recorded["method"],
      run: () => Promise<T>,
      meta: (r: T) => D1Meta | undefined,
    ) => {
      calls++;
      await check(sql);
      const result = await run();
      record(self, method, meta(result));
      return result;
    };
    return {
      ...self,
      bind: (...values: unknown[]) =>
        wrap(
          inner.bind(...values),
          sql,
          Math.max(0, ...values.map((v) => (typeof v === "string" ? v.length : 0))),
        ),
      run: () =>
        once(
          "run",
          () => inner.run(),
          (r) => r.meta,
        ),
      all: () =>
        once(
          "all",
          () => inner.all(),
          (r) => r.meta,
        ),
      first: (column?: string) =>
        once(
          "first",
          () => (column === undefined ? inner.first() : inner.first(column)),
          () => undefined,
        ),
      raw: (options?: { columnNames?: boolean }) =>
        once(
          "raw",
          () => inner.raw(options as { columnNames: true }),
          () => undefined,
        ),
    } as unknown as D1PreparedStatement;
  };

  const db = {
    prepare: (sql: string) => wrap(real.prepare(sql), sql),
    async batch(list: D1PreparedStatement[]) {
      calls++;
      const wrapped = list as unknown as Wrapped[];
      for (const w of wrapped) await check(w.sql);
      const results = await real.batch(wrapped.map((w) => w.inner));
      for (const [i, result] of results.entries())
        record(wrapped[i] as Wrapped, "batch", result.meta);
      return results;
    },
    exec: (query: string) => real.exec(query),
    withSession: () => {
      throw new Error("not used by aecid-edge");
    },
    dump: () => real.dump(),
  };

  return {
    db: db as unknown as D1Database,
    statements,
    calls: () => calls,
    failWhen(
      match,
      error = new Error("D1_ERROR: injected failure"),
      times = Number.POSITIVE_INFINITY,
    ) {
      fault = { match, error, left: times };
    },
    hangWhen(match) {
      hang = match;
    },
    heal() {
      fault = null;
      hang = null;
    },
  };
}

export const isWrite = (r: Recorded) =>
  /^\s*(WITH\b[\s\S]*?\)\s*)?(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(r.sql);
