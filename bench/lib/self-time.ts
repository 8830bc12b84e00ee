// Where a CPU profile's self time went, by function and by source line: the "profile" half of
// "profile, then cut".
import type { CpuProfile } from "./isolate-cpu.ts";

/** Milliseconds of self time per "function file:line", summed into `into` (over rounds). */
export function addSelfTime(profile: CpuProfile, into: Map<string, number>): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    const frame = byId.get(samples[i] as number)?.callFrame;
    if (!frame) continue;
    const micros = i + 1 < timeDeltas.length ? (timeDeltas[i + 1] as number) : 0;
    const file = frame.url.split("/").pop() || "(native)";
    const name = `${frame.functionName || "(anonymous)"} ${file}:${frame.lineNumber + 1}`;
    into.set(name, (into.get(name) ?? 0) + micros / 1000);
  }
}

/** The `count` functions with the most self time, as "  12.3%  name". */
export function topSelfTime(selfMs: Map<string, number>, count: number): string[] {
  const skip = new Set(["(idle)", "(root)"]);
  const rows = [...selfMs].filter(([name]) => !skip.has(name.split(" ")[0] as string));
  const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
  return rows
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => `${((100 * ms) / total).toFixed(1).padStart(6)}%  ${name}`);
}

/** Which bundle lines of one function the samples landed on (V8's position ticks). */
export function linesOf(profile: CpuProfile, functionName: string, into: Map<number, number>) {
  for (const node of profile.nodes as (CpuProfile["nodes"][number] & {
    positionTicks?: { line: number; ticks: number }[];
  })[]) {
    if (node.callFrame.functionName !== functionName) continue;
    for (const tick of node.positionTicks ?? [])
      into.set(tick.line, (into.get(tick.line) ?? 0) + tick.ticks);
  }
}

/** The Durable Object classes, found in the bundle as `<Name> = class extends`. */
const OBJECT_CLASSES = /\b(ClickGuard|PostbackLimiter) = class extends/;

/** The bundle's 0-based line ranges of each object class (from its line to its closing `};`). */
function classRanges(lines: string[]): [number, number][] {
  const ranges: [number, number][] = [];
  lines.forEach((line, start) => {
    if (!OBJECT_CLASSES.test(line)) return;
    const indent = /^\s*/.exec(line)?.[0] ?? "";
    const end = lines.findIndex((l, i) => i > start && l === `${indent}};`);
    ranges.push([start, end === -1 ? lines.length : end]);
  });
  return ranges;
}
/** Where the Worker calls them: the stub's call line (`guard.claim(`, `limiter.admit(`). */
const STUB_CALL = /\b(guard\.claim|limiter\.admit)\(/;

/**
 * What of a profile is the Durable Objects' and not the Worker's: locally the objects run in the
 * Worker's isolate, and a call on an object not yet alive creates it (its SQLite storage) at the
 * stub's call line, inside the Worker's frame. In production the object runs in its own isolate
 * and bills as Durable Object duration. Answers the ms in the objects' code and at the calls.
 */
export function durableObjectMs(profile: CpuProfile, bundleSource: string) {
  type Node = CpuProfile["nodes"][number] & { positionTicks?: { line: number; ticks: number }[] };
  const nodes = profile.nodes as Node[];
  const parent = new Map<number, number>();
  for (const node of nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const lines = bundleSource.split("\n");
  const ranges = classRanges(lines);
  const inClass = (node: Node) =>
    node.callFrame.url !== "" &&
    !node.callFrame.url.startsWith("cloudflare") &&
    ranges.some(([from, to]) => node.callFrame.lineNumber > from && node.callFrame.lineNumber < to);
  const inObject = new Map<number, boolean>();
  const isInObject = (id: number): boolean => {
    const known = inObject.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const here = !!node && inClass(node);
    const up = parent.get(id);
    const result = here || (up !== undefined && isInObject(up));
    inObject.set(id, result);
    return result;
  };
  const { samples, timeDeltas } = profile;
  let objectMs = 0;
  const msBySample = new Map<number, number>();
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i] as number;
    const ms = (i + 1 < timeDeltas.length ? (timeDeltas[i + 1] as number) : 0) / 1000;
    if (isInObject(id)) objectMs += ms;
    msBySample.set(id, (msBySample.get(id) ?? 0) + ms);
  }
  let callMs = 0;
  for (const node of nodes) {
    const ticks = node.positionTicks ?? [];
    const all = ticks.reduce((sum, t) => sum + t.ticks, 0);
    if (all === 0 || isInObject(node.id)) continue;
    const atCall = ticks
      .filter((t) => STUB_CALL.test(lines[t.line - 1] ?? ""))
      .reduce((sum, t) => sum + t.ticks, 0);
    callMs += ((msBySample.get(node.id) ?? 0) * atCall) / all;
  }
  return { objectMs, callMs };
}
