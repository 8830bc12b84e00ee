// The redirect's cost split, served on its own: the bare 302, the full build and the no-sink build
// (bench/worker/no-sink-sink.ts), measured against each other round by round. Used by
// `npm run bench:redirect` and `npm run bench:baseline`; `npm run bench` measures the same split
// on the tracker it goes on to use.

import { againstBare, type Settings } from "./measure.ts";
import { HUMAN_UA, seed } from "./seed-data.ts";
import { build, buildNoSink, migrate, type Served, serveBare, serveTracker } from "./servers.ts";

const on = (served: Served, path: string) => ({
  url: `${served.url}${path}`,
  pid: served.pid,
  headers: { "User-Agent": HUMAN_UA },
  profiler: served.profiler,
});

async function served(script: string) {
  const tracker = await serveTracker(script, {}, true);
  await migrate(tracker);
  return { tracker, link: (await seed(tracker, 1)).clickLink };
}

export async function servedSplit(out: string) {
  const bare = await serveBare(out, true);
  const full = await served(build(`${out}/build`));
  const noSink = await served(buildNoSink(`${out}/no-sink`));
  return {
    measure: (s: Settings) =>
      againstBare(
        on(bare, "/"),
        {
          full: on(full.tracker, `/c/${full.link}`),
          noSink: on(noSink.tracker, `/c/${noSink.link}`),
        },
        s,
      ),
    dispose: () =>
      Promise.all([bare.mf.dispose(), full.tracker.mf.dispose(), noSink.tracker.mf.dispose()]),
  };
}
