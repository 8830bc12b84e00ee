/**
 * Workers' limit of D1 queries in one invocation, enforced on the real bindings (every statement
 * still runs on D1). One budget is shared by every binding of the env it wraps, the main database
 * and the click shards alike, as the limit is per invocation. Each statement counts, a batch's
 * too: the stricter reading of "queries", so code that passes here passes under either reading.
 * Past the limit every query fails with D1's own error, as in production.
 */
export const WORKER_D1_QUERY_LIMIT = 1000;

export const TOO_MANY_QUERIES = "Too many API requests by single worker invocation";

export interface QueryBudget {
  /** `env` with each D1 binding wrapped; hand it to the handler under test. */
  env: Env;
  used: () => number;
  /** A new invocation: the count starts again. */
  reset: () => void;
}

const isD1 = (value: unknown): value is D1Database =>
  typeof (value as D1Database | null)?.prepare === "function" &&
  typeof (value as D1Database | null)?.batch === "function";

export function queryBudget(real: Env, limit = WORKER_D1_QUERY_LIMIT): QueryBudget {
  let used = 0;
  const spend = (n: number) => {
    used += n;
    if (used > limit) throw new Error(`D1_ERROR: ${TOO_MANY_QUERIES}.`);
  };
  const statement = (inner: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(inner, {
      get(target, name) {
        if (name === "__inner") return target;
        if (name === "bind") return (...values: unknown[]) => statement(target.bind(...values));
        const value = Reflect.get(target, name, target);
        if (typeof value !== "function") return value;
        if (name === "run" || name === "all" || name === "first" || name === "raw")
          return async (...args: unknown[]) => {
            spend(1);
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        return value.bind(target);
      },
    });
  const unwrap = (s: D1PreparedStatement) =>
    (s as unknown as { __inner?: D1PreparedStatement }).__inner ?? s;
  const database = (db: D1Database): D1Database =>
    ({
      prepare: (sql: string) => statement(db.prepare(sql)),
      async batch(list: D1PreparedStatement[]) {
        spend(list.length);
        return db.batch(list.map(unwrap));
      },
      async exec(query: string) {
        spend(1);
        return db.exec(query);
      },
      withSession: () => {
        throw new Error("not used by aecid-edge");
      },
      dump: () => db.dump(),
    }) as unknown as D1Database;
  const env = Object.fromEntries(
    Object.entries(real).map(([name, value]) => [name, isD1(value) ? database(value) : value]),
  ) as unknown as Env;
  return {
    env,
    used: () => used,
    reset: () => {
      used = 0;
    },
  };
}
