// The CPU a Worker's own isolate spends per request, from a V8 CPU profile of that isolate alone:
// what Cloudflare bills, without the local D1, Queue and Durable Object simulators (other isolates
// of the same workerd process, whose work the process CPU figure includes). workerd reports no
// `cpuTime` to Tail Workers locally (it reads 0), so the profile is the runtime's own accounting here.
//
// Each sample is one of: the Worker's JavaScript (its code and the builtins it calls), the garbage
// collector (of this isolate's heap), "(program)" (native work outside JavaScript: the runtime's
// own C++ between calls) or "(idle)". The figure is JavaScript + GC; "(program)" is reported apart.

export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface IsolateShare {
  /** Milliseconds of the Worker's JavaScript (its code and the builtins it calls). */
  jsMs: number;
  gcMs: number;
  programMs: number;
  idleMs: number;
}

const SPECIAL = new Map<string, keyof IsolateShare>([
  ["(garbage collector)", "gcMs"],
  ["(program)", "programMs"],
  ["(idle)", "idleMs"],
]);

/** Sums a profile's sampled time by kind (a sample lasts until the next one, as DevTools counts). */
export function isolateShare(profile: CpuProfile): IsolateShare {
  const kind = new Map<number, keyof IsolateShare | null>();
  for (const node of profile.nodes) {
    const name = node.callFrame.functionName;
    kind.set(node.id, name === "(root)" ? null : (SPECIAL.get(name) ?? "jsMs"));
  }
  const share: IsolateShare = { jsMs: 0, gcMs: 0, programMs: 0, idleMs: 0 };
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    const micros = i + 1 < timeDeltas.length ? (timeDeltas[i + 1] as number) : 0;
    const k = kind.get(samples[i] as number);
    if (k) share[k] += micros / 1000;
  }
  return share;
}

/** Billable milliseconds per request: the Worker's JavaScript and its GC. */
export const billedMs = (share: IsolateShare) => share.jsMs + share.gcMs;

import type { LoadResult } from "./load.ts";

type Send = (method: string, params?: object) => Promise<any>;

export interface Profiler {
  send: Send;
  close: () => void;
}

/** A DevTools session on one isolate of a workerd process (`inspectorPort`), by its target title. */
export async function inspect(inspectorPort: number, title = "core:user:"): Promise<Profiler> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json()) as {
    title: string;
    webSocketDebuggerUrl: string;
  }[];
  const target = targets.find((t) => t.title === `workerd: worker ${title}`);
  if (!target) throw new Error(`no inspector target ${title} in ${targets.map((t) => t.title)}`);
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.addEventListener("open", resolve, { once: true });
    socket.addEventListener("error", reject, { once: true });
  });
  let id = 0;
  const pending = new Map<number, (result: unknown) => void>();
  socket.addEventListener("message", (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  });
  const send: Send = (method, params = {}) =>
    new Promise((resolve) => {
      pending.set(++id, resolve);
      socket.send(JSON.stringify({ id, method, params }));
    });
  await send("Profiler.enable");
  // 200 µs: fine enough for a request of ~0.1 ms to be sampled often over seconds, coarse
  // enough that the sampler's own cost stays small next to the work it samples.
  await send("Profiler.setSamplingInterval", { interval: 200 });
  return { send, close: () => socket.close() };
}

/** Profiles `work` on the session's isolate; returns the profile and what `work` returned. */
export async function profiled<T>(
  session: Profiler,
  work: () => Promise<T>,
): Promise<{ profile: CpuProfile; result: T }> {
  await session.send("Profiler.start");
  const result = await work();
  const { profile } = (await session.send("Profiler.stop")) as { profile: CpuProfile };
  return { profile, result };
}

/** A load run with the isolate's billable CPU per request added (`isolateCpuMs`). */
export async function withIsolateCpu(
  session: Profiler,
  run: () => Promise<LoadResult>,
): Promise<LoadResult> {
  const { profile, result } = await profiled(session, run);
  const share = isolateShare(profile);
  return {
    ...result,
    isolateCpuMs: result.requests ? billedMs(share) / result.requests : Number.NaN,
  };
}
