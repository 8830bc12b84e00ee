// Cloudflare's paid-plan list prices, and what a million clicks or conversions cost at them.

export const PRICES = {
  workerRequest: 0.3 / 1e6,
  workerCpuMs: 0.02 / 1e6,
  d1RowWritten: 1.0 / 1e6,
  d1RowRead: 0.001 / 1e6,
  doRequest: 0.15 / 1e6,
  /** Durable Object duration, per GB-second (128 MB per object). */
  doGbSecond: 12.5 / 1e6,
  /** Queues: a write, a read and a delete per message, each per 64 KB. */
  queueOperation: 0.4 / 1e6,
} as const;

/**
 * Queue operations per click: 3 per message (write, read, delete) for each 64 KB of it, shared by
 * the clicks of the message; the consumer's invocation (one per up to 100 messages) rides along.
 */
export function queueOperationsPerClick(p: { clicksPerMessage: number; bytesPerMessage: number }) {
  return (3 * Math.max(1, Math.ceil(p.bytesPerMessage / 65_536))) / p.clicksPerMessage;
}

export interface UnitCost {
  workerCpuMs: number;
  d1RowsWritten: number;
  d1RowsRead: number;
  doRequests: number;
  doSeconds: number;
  queueOperations: number;
}

export interface CostLine {
  total: number;
  formula: string;
}

const money = (n: number) => `$${n.toFixed(n < 0.1 ? 4 : 2)}`;

/** The price of a million operations that each cost `unit`. */
export function perMillion(unit: UnitCost): CostLine {
  const parts = [
    { label: "requests", value: PRICES.workerRequest * 1e6 },
    {
      label: `${unit.workerCpuMs.toFixed(3)} CPU-ms`,
      value: unit.workerCpuMs * PRICES.workerCpuMs * 1e6,
    },
    {
      label: `${unit.d1RowsWritten} rows written`,
      value: unit.d1RowsWritten * PRICES.d1RowWritten * 1e6,
    },
    {
      label: `${unit.d1RowsRead.toFixed(2)} rows read`,
      value: unit.d1RowsRead * PRICES.d1RowRead * 1e6,
    },
  ];
  if (unit.queueOperations > 0) {
    parts.push({
      label: `${unit.queueOperations.toFixed(3)} queue operations`,
      value: unit.queueOperations * PRICES.queueOperation * 1e6,
    });
  }
  if (unit.doRequests > 0) {
    parts.push({
      label: `${unit.doRequests} DO requests`,
      value: unit.doRequests * PRICES.doRequest * 1e6,
    });
    parts.push({
      label: `${(unit.doSeconds * 1000).toFixed(1)} ms × 0.128 GB DO duration`,
      value: unit.doSeconds * 0.128 * PRICES.doGbSecond * 1e6,
    });
  }
  const total = parts.reduce((sum, part) => sum + part.value, 0);
  return {
    total,
    formula: `${parts.map((p) => `${money(p.value)} (${p.label})`).join(" + ")} = ${money(total)}`,
  };
}

/** The floor for a click: one Worker request and one row written. */
export const CLICK_FLOOR = PRICES.workerRequest * 1e6 + PRICES.d1RowWritten * 1e6;
