/**
 * Captures every line the Worker (and its Durable Objects, which share the test isolate) logs, so
 * the suite can prove that no log carries a key, token or raw IP. Our own structured lines
 * (JSON with an `event`) are captured and not printed, to keep test output readable.
 */
const state = globalThis as typeof globalThis & {
  __capturedLogs?: string[];
  __secretsSeen?: Set<string>;
};

function describeArg(arg: unknown): string {
  if (typeof arg === "string") return arg;
  if (arg instanceof Error) return `${arg.name}: ${arg.message}\n${arg.stack ?? ""}`;
  try {
    return JSON.stringify(arg) ?? String(arg);
  } catch {
    return String(arg);
  }
}

export function installLogCapture(): void {
  if (state.__capturedLogs) return;
  state.__capturedLogs = [];
  state.__secretsSeen = new Set();
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      const line = args.map(describeArg).join(" ");
      state.__capturedLogs?.push(line);
      if (!line.startsWith('{"event"')) original(...args);
    };
  }
}

export function capturedLines(): string[] {
  return state.__capturedLogs ?? [];
}

/** Remembers a secret the suite has seen (a conversion key, a raw IP) to look for in the logs. */
export function rememberSecret(secret: string): void {
  state.__secretsSeen?.add(secret);
}

export function secretsSeen(): string[] {
  return [...(state.__secretsSeen ?? [])];
}
