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
