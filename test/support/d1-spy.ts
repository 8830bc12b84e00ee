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
}

export interface Spy {
  db: D1Database;
  statements: Recorded[];
  /** Round trips to D1: one per run/all/first/raw, one per batch. */
  calls: () => number;
  /** Makes statements whose SQL matches fail with `error` (`times` times, default: always). */
  failWhen(match: RegExp, error?: Error, times?: number): void;
  heal(): void;
}

export function spyD1(real: D1Database, statements: Recorded[] = []): Spy {
  let calls = 0;
  let fault: { match: RegExp; error: Error; left: number } | null = null;
  const check = (sql: string) => {
    calls++;
    if (fault && fault.left > 0 && fault.match.test(sql)) {
      fault.left--;
      throw fault.error;
    }
  };
  const record = (sql: string, method: Recorded["method"], meta?: D1Meta) =>
    statements.push({ sql, method, rowsRead: meta?.rows_read, rowsWritten: meta?.rows_written });

  const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const wrapped = {
      inner: statement,
      sql,
      bind: (...values: unknown[]) => wrap(statement.bind(...values), sql),
      async run() {
        check(sql);
        const result = await statement.run();
        record(sql, "run", result.meta);
        return result;
      },
      async all() {
        check(sql);
        const result = await statement.all();
        record(sql, "all", result.meta);
        return result;
      },
      async first(column?: string) {
        check(sql);
        const result =
          column === undefined ? await statement.first() : await statement.first(column);
        record(sql, "first");
        return result;
      },
      async raw(options?: { columnNames?: boolean }) {
        check(sql);
        record(sql, "raw");
        return statement.raw(options as { columnNames: true });
      },
    };
    return wrapped as unknown as D1PreparedStatement;
  };

  const db = {
    prepare: (sql: string) => wrap(real.prepare(sql), sql),
    async batch(list: D1PreparedStatement[]) {
      const inner = list.map((s) => (s as unknown as { inner: D1PreparedStatement }).inner);
      const sqls = list.map((s) => sqlOf(s));
      for (const sql of sqls) check(sql);
      calls -= sqls.length - 1;
      const results = await real.batch(inner);
      for (const [i, result] of results.entries()) record(sqls[i] ?? "", "batch", result.meta);
      return results;
    },
    exec: (query: string) => real.exec(query),
    withSession: () => {
      throw new Error("not used by aecid-edge");
    },
    dump: () => real.dump(),
  };
  const sqlOf = (s: D1PreparedStatement) => (s as unknown as { sql: string }).sql;

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
    heal() {
      fault = null;
    },
  };
}

export const isWrite = (r: Recorded) => /^\s*(INSERT|UPDATE|DELETE|REPLACE)/i.test(r.sql);
