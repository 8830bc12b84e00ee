// The benchmark's correctness checks: no click lost under load, one winner of a postback race.
import { clickBytesSql } from "../../src/storage/click-bytes-sql.ts";
import { type LoadResult, load } from "./load.ts";
import type { Settings } from "./measure.ts";
import { count, HUMAN_UA, settledCount } from "./seed-data.ts";
import type { Served } from "./servers.ts";

const redirects = (r: LoadResult) => r.statuses["302"] ?? 0;

/**
 * A fixed number of clicks at full concurrency, every answer received, then the rows counted once
 * the after-response writes have landed; and the stored bytes of a click (docs/scale.md).
 */
export async function lossCheck(tracker: Served, linkId: string, amount: number, s: Settings) {
  const human = { "User-Agent": HUMAN_UA };
  const url = `${tracker.url}/c/${linkId}`;
  const sample = await fetch(url, { headers: human, redirect: "manual" });
  const sampleCarries = new URL(sample.headers.get("Location") ?? "http://x/").searchParams.has(
    "aecid",
  );
  const run = await load({
    url,
    seconds: s.seconds,
    amount,
    connections: s.connections,
    pid: tracker.pid,
    headers: human,
  });
  const redirectsWithAecid = sampleCarries ? 1 + redirects(run) : 0;
  const clickRows = await settledCount(
    tracker,
    "SELECT count(*) AS n FROM clicks WHERE link_id = ?1",
    linkId,
  );
  const clickBytes = await count(tracker, clickBytesSql, linkId);
  return { redirectsWithAecid, clickRows, clicksLost: redirectsWithAecid - clickRows, clickBytes };
}

/** `size` postbacks with distinct order ids race for one click: exactly one may register. */
export async function raceCheck(tracker: Served, key: string, clickId: string, size: number) {
  const race = await Promise.all(
    Array.from({ length: size }, (_, i) =>
      fetch(`${tracker.url}/?key=${key}&id=race-${i}&amount=1&currency=EUR&cids=${clickId}`).then(
        (r) => r.status,
      ),
    ),
  );
  return {
    sent: size,
    registered: race.filter((s) => s === 201).length,
    conflicts: race.filter((s) => s === 409).length,
  };
}
