/**
 * Meters a D1 binding for the benchmark's cost pass: every statement still runs on D1, and the
 * rows each one read and wrote (D1's own result metadata) are recorded.
 */
export interface Metered {
  sql: string;
  rowsRead: number;
  rowsWritten: number;
}

export const isWrite = (m: Metered) =>
  /^\s*(WITH\b[\s\S]*?\)\s*)?(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(m.sql);

interface MeteredStatement {
  inner: D1PreparedStatement;
  sql: string;
}

export function meterD1(real: D1Database, log: Metered[]): D1Database {
  const record = (sql: string, meta: D1Meta | undefined) =>
    log.push({ sql, rowsRead: meta?.rows_read ?? 0, rowsWritten: meta?.rows_written ?? 0 });
  const wrap = (inner: D1PreparedStatement, sql: string) => {
    const all = async () => {
      const result = await inner.all();
      record(sql, result.meta);
      return result;
    };
    return {
      inner,
      sql,
      bind: (...values: unknown[]) => wrap(inner.bind(...values), sql),
      run: all,
      all,
      // `first` hides D1's metadata: the statement runs through `all` to see it.
      first: async (column?: string) => {
        const row = ((await all()).results[0] ?? null) as Record<string, unknown> | null;
        return column === undefined || row === null ? row : (row[column] ?? null);
      },
      raw: (options?: { columnNames?: boolean }) => inner.raw(options as { columnNames: true }),
    } as unknown as D1PreparedStatement;
  };
  return {
    prepare: (sql: string) => wrap(real.prepare(sql), sql),
    async batch(statements: D1PreparedStatement[]) {
      const metered = statements as unknown as MeteredStatement[];
      const results = await real.batch(metered.map((s) => s.inner));
      for (const [i, result] of results.entries()) record(metered[i]?.sql ?? "", result.meta);
      return results;
    },
    exec: (query: string) => real.exec(query),
    withSession: () => real.withSession(),
    dump: () => real.dump(),
  } as unknown as D1Database;
}
