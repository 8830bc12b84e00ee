// The instant Miniflare spawns workerd. Miniflare spends a Node-side share of every cold start
// before workerd exists (serializing the configuration, the whole script in a Cap'n Proto buffer
// that grows by as little as 4 KB, copied whole each time, so it grows with the bundle): work
// Cloudflare never does. The spawn instant splits a cold start into that share and what an isolate
// really pays.
//
// Miniflare calls `childProcess.spawn(...)` through the module object (its bundled
// `import_node_child_process.default.spawn`), so replacing the property here is what it calls.
import childProcess from "node:child_process";
import path from "node:path";

export interface WorkerdSpawn {
  /** performance.now() just before the spawn call: the fork and exec are on workerd's side. */
  at: number;
  pid: number | null;
}

/** A command that starts workerd (Miniflare runs the binary by path, or MINIFLARE_WORKERD_PATH). */
export const isWorkerd = (command: string) => /^workerd(\.exe)?$/.test(path.basename(command));

let latest: WorkerdSpawn | null = null;
let installed = false;

function install() {
  if (installed) return;
  installed = true;
  const original = childProcess.spawn;
  childProcess.spawn = function spawn(this: unknown, ...args: unknown[]) {
    const at = performance.now();
    const child = (original as (...a: unknown[]) => childProcess.ChildProcess).apply(this, args);
    if (typeof args[0] === "string" && isWorkerd(args[0])) latest = { at, pid: child.pid ?? null };
    return child;
  } as typeof childProcess.spawn;
}

/**
 * Runs `start` (which starts one Miniflare) and hands back the workerd spawn it made. One start at
 * a time: the bench never starts two runtimes at once, and a second spawn would be the one kept.
 */
export async function withWorkerdSpawn<T>(
  start: () => Promise<T>,
): Promise<{ value: T; spawn: WorkerdSpawn | null }> {
  install();
  latest = null;
  const value = await start();
  const spawn = latest as WorkerdSpawn | null;
  latest = null;
  return { value, spawn };
}
