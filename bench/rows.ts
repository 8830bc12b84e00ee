// Rows read and written per operation, from D1's own result metadata, on the metered build.
import { BOT_UA, HUMAN_UA, seed } from "./fixtures.ts";
import { migrate, serveTracker } from "./servers.ts";

const SAMPLE = 200;

export async function measureRows(meteredScript: string) {
  const served = await serveTracker(meteredScript);
  await migrate(served);
  const fixtures = await seed(served, SAMPLE);
  const meter = async (reset = false) =>
    (await (await fetch(`${served.url}/__meter`, { method: reset ? "DELETE" : "GET" })).json()) as {
      statements: number;
      rowsRead: number;
      rowsWritten: number;
      writes: number;
    };
  /** Runs `count` requests, lets their after-response writes land, and reads the meter per request. */
  const perRequest = async (
    count: number,
    url: (i: number) => string,
    headers: Record<string, string>,
  ) => {
    await meter(true);
    await Promise.all(
      Array.from({ length: count }, (_, i) => fetch(url(i), { headers, redirect: "manual" })),
    );
    let last = -1;
    for (let tries = 0; tries < 60; tries++) {
      const { writes } = await meter();
      if (writes === last) break;
      last = writes;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const totals = await meter();
    return { written: totals.rowsWritten / count, read: totals.rowsRead / count };
  };

  // Warm the link cache and the day's IP salt first, as a live isolate would have them.
  await fetch(`${served.url}/c/${fixtures.clickLink}`, {
    headers: { "User-Agent": HUMAN_UA },
    redirect: "manual",
  });
  const perClick = await perRequest(SAMPLE, () => `${served.url}/c/${fixtures.clickLink}`, {
    "User-Agent": HUMAN_UA,
  });
  const perBotHit = await perRequest(SAMPLE, () => `${served.url}/c/${fixtures.botLink}`, {
    "User-Agent": BOT_UA,
  });
  const perConversion = await perRequest(
    SAMPLE,
    (i) =>
      `${served.url}/?key=${fixtures.key}&id=rows-${i}&amount=10&currency=EUR&cids=${fixtures.postbackClicks[i]}`,
    {},
  );
  const statementCost = (await (await fetch(`${served.url}/__meter/statement-cost`)).json()) as {
    singleInsertMs: number;
    hundredRowInsertMs: number;
  };
  await served.mf.dispose();
  return { perClick, perConversion, perBotHit: { written: perBotHit.written }, statementCost };
}
