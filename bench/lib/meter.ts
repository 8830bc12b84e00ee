// The metered build's counters: D1 statements and rows, click-queue messages.
import type { Served } from "./servers.ts";

export interface Meter {
  statements: number;
  reads: number;
  rowsRead: number;
  rowsWritten: number;
  writes: number;
  messages: number;
  messageBytes: number;
}

export type MeterReader = (reset?: boolean) => Promise<Meter>;

/** Reads the metered build's counters (`/__meter`), or reads and resets them. */
export const meterOf =
  (served: Served): MeterReader =>
  async (reset = false) =>
    (await (
      await fetch(`${served.url}/__meter`, { method: reset ? "DELETE" : "GET" })
    ).json()) as Meter;

/** Waits until the consumer's writes stop: unchanged for 1.5 s after at least one, or 30 s. */
export async function settle(meter: MeterReader) {
  let last = -1;
  let still = 0;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && still < 6) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const { writes } = await meter();
    still = writes === last && writes > 0 ? still + 1 : 0;
    last = writes;
  }
}
