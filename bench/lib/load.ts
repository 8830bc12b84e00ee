// One load scenario: autocannon drives the requests; latencies are taken from its per-response
// timings (hrtime, sub-millisecond) rather than its millisecond histogram.
import autocannon from "autocannon";
import { cpuSeconds } from "./servers.ts";

export interface LoadOptions {
  url: string;
  /** Bounded by time, or (with `amount`) by a number of requests that all complete. */
  seconds: number;
  amount?: number;
  /** Requests per second across all connections; default: as fast as answers come. */
  rate?: number;
  connections: number;
  pid: number | null;
  headers?: Record<string, string>;
  method?: "GET" | "HEAD" | "POST";
  /** Builds each request's path (for distinct postbacks); default: the URL's own path. */
  nextPath?: () => string;
  /** Builds each request's headers (a flood from many addresses); default: `headers`. */
  nextHeaders?: () => Record<string, string>;
  /** Builds each request whole (a signed webhook: its headers sign its body); wins over both. */
  nextRequest?: () => { path?: string; headers?: Record<string, string>; body?: string };
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  errors: number;
  /** CPU ms per request of the whole workerd process (the Worker and the local simulators). */
  cpuMsPerRequest: number;
  /** The Worker's own isolate's CPU ms per request, when profiled (isolate-cpu.ts). */
  isolateCpuMs?: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const cpuBefore = cpuSeconds(options.pid);
  const started = performance.now();
  const next = options.nextPath;
  const nextHeaders = options.nextHeaders;
  const nextRequest = options.nextRequest;
  let finish: (result: autocannon.Result) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: options.url,
      ...(options.amount ? { amount: options.amount } : { duration: options.seconds }),
      ...(options.rate ? { overallRate: options.rate } : {}),
      connections: options.connections,
      method: options.method ?? "GET",
      headers: options.headers,
      requests: nextRequest
        ? [
            {
              setupRequest: (request) => {
                const built = nextRequest();
                return { ...request, ...built, headers: { ...request.headers, ...built.headers } };
              },
            },
          ]
        : next || nextHeaders
          ? [
              {
                setupRequest: (request) => ({
                  ...request,
                  ...(next ? { path: next() } : {}),
                  ...(nextHeaders ? { headers: { ...request.headers, ...nextHeaders() } } : {}),
                }),
              },
            ]
          : undefined,
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const result = await done;
  const elapsed = (performance.now() - started) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  const cpu = cpuSeconds(options.pid) - cpuBefore;
  return {
    requests: latencies.length,
    seconds: elapsed,
    rps: latencies.length / elapsed,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    statuses,
    errors: result.errors + result.timeouts,
    cpuMsPerRequest: latencies.length ? (cpu * 1000) / latencies.length : Number.NaN,
  };
}
