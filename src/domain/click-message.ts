/**
 * A click batch as a queue message: compact JSON, tuples rather than objects, at most
 * MAX_MESSAGE_BYTES in UTF-8, split into parts when it is larger; and the decoding back, which
 * still reads the v1 messages of the previous release.
 */
import type { ClickBatch, CountDelta } from "./click-batch";
import type { Click, SubIds } from "./entities";
import { hitDimsOf } from "./hit-dims";
import type { DimsDelta } from "./report-dims";

/** Queues take 128 KB a message; a batch stays under it with room to spare, or is split. */
export const MAX_MESSAGE_BYTES = 120_000;

/** id, link, program, partner, time, sub-IDs, country, IP hash, device, UA hash, referer host. */
type ClickTuple = [
  string,
  string,
  string,
  string,
  number,
  ...SubIds,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
];
type HitTuple = [string, string, number, number];

/**
 * v2 carries the device label and UA hash; v1 (still decoded) carried the whole user agent. `hd`,
 * when there, gives for `h[i]` its link's program (`p`) and partner (`q`) and its bot hits by
 * dimension value (`d`, domain/hit-dims.ts): a field of its own, not more values in the hit tuple,
 * because the previous release's consumer sets aside a message whose tuples it does not know, and
 * ignores a field it does not read.
 */
export interface ClickBatchMessage {
  v: 2;
  id: string;
  c: ClickTuple[];
  h: HitTuple[];
  hd?: (HitExtra | null)[];
}

interface HitExtra {
  p?: string;
  q?: string;
  d?: DimsDelta;
}

const extraOf = (d: CountDelta): HitExtra | null =>
  d.programId || d.dims
    ? {
        ...(d.programId ? { p: d.programId, q: d.partnerId } : {}),
        ...(d.dims ? { d: d.dims } : {}),
      }
    : null;

/** A click as a row of values, in the column order of the `clicks` table. */
export const clickTuple = (c: Click): ClickTuple => [
  c.id,
  c.linkId,
  c.programId,
  c.partnerId,
  c.createdAt,
  ...c.subIds,
  c.country,
  c.ipHash,
  c.device,
  c.uaHash,
  c.refererHost,
];

const hitTuple = (d: CountDelta): HitTuple => [
  d.day,
  d.linkId,
  d.counts.bot_hits,
  d.counts.impressions,
];

export function encodeClickBatch(batch: ClickBatch): ClickBatchMessage {
  const message: ClickBatchMessage = {
    v: 2,
    id: batch.id,
    c: batch.clicks.map(clickTuple),
    h: batch.hits.map(hitTuple),
  };
  const extras = batch.hits.map(extraOf);
  if (extras.some((e) => e)) message.hd = extras;
  return message;
}

const encoder = new TextEncoder();
const bytesOf = (value: unknown) => encoder.encode(JSON.stringify(value)).length;
// UTF-8 takes at most 3 bytes per UTF-16 unit: short text needs no encoding to be measured.
const fitsIn = (text: string, maxBytes: number) =>
  text.length * 3 <= maxBytes || encoder.encode(text).length <= maxBytes;

/** A part of a batch, and the queue message that carries it. */
export interface ClickBatchPart {
  batch: ClickBatch;
  body: ClickBatchMessage;
}

/**
 * The batch as messages of at most `maxBytes` each (UTF-8 JSON), each encoded once: parts keep
 * the order of the clicks, the hits ride with the first part, and part `n` is `<id>.<n>`, so each
 * counts once. Most batches fit: measured whole, once, rather than click by click.
 */
export function clickBatchMessages(
  batch: ClickBatch,
  maxBytes = MAX_MESSAGE_BYTES,
): ClickBatchPart[] {
  const whole = encodeClickBatch(batch);
  if (fitsIn(JSON.stringify(whole), maxBytes)) return [{ batch, body: whole }];
  return splitBySize(batch, maxBytes).map((part) => ({
    batch: part,
    body: encodeClickBatch(part),
  }));
}

export const splitClickBatch = (batch: ClickBatch, maxBytes = MAX_MESSAGE_BYTES) =>
  clickBatchMessages(batch, maxBytes).map((part) => part.batch);

function splitBySize(batch: ClickBatch, maxBytes: number): ClickBatch[] {
  const base = bytesOf(encodeClickBatch({ ...batch, clicks: [] })) + 8;
  const parts: ClickBatch[] = [];
  let current: Click[] = [];
  let size = base;
  for (const click of batch.clicks) {
    const bytes = bytesOf(clickTuple(click)) + 1;
    if (current.length && size + bytes > maxBytes) {
      parts.push({ id: "", clicks: current, hits: [] });
      current = [];
      size = base;
    }
    current.push(click);
    size += bytes;
  }
  parts.push({ id: "", clicks: current, hits: [] });
  if (parts.length === 1) return [batch];
  return parts.map((part, n) => ({ ...part, id: `${batch.id}.${n}`, hits: n ? [] : batch.hits }));
}

const isText = (v: unknown): v is string => typeof v === "string";
const isTextOrNull = (v: unknown) => v === null || isText(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/**
 * A click tuple back into a click. A v1 tuple (14 values) carried the whole user agent: it comes
 * back as `legacyUserAgent`, for the consumer to reduce (see click/click-hashes.ts).
 */
function clickOf(t: unknown, version: 1 | 2): Click | null {
  if (!Array.isArray(t) || t.length !== (version === 1 ? 14 : 15)) return null;
  const [id, linkId, programId, partnerId, createdAt, ...rest] = t as unknown[];
  if (![id, linkId, programId, partnerId].every(isText) || !isCount(createdAt)) return null;
  if (!rest.every(isTextOrNull)) return null;
  const values = rest as (string | null)[];
  const [s1, s2, s3, s4, s5, country, ipHash] = values;
  const [device, uaHash, refererHost] =
    version === 1 ? [null, null, values[8]] : [values[7], values[8], values[9]];
  return {
    id: id as string,
    linkId: linkId as string,
    programId: programId as string,
    partnerId: partnerId as string,
    createdAt,
    subIds: [s1 ?? null, s2 ?? null, s3 ?? null, s4 ?? null, s5 ?? null],
    country: country ?? null,
    ipHash: ipHash ?? null,
    device: device ?? null,
    uaHash: uaHash ?? null,
    refererHost: refererHost ?? null,
    ...(version === 1 ? { legacyUserAgent: values[7] ?? null } : {}),
  };
}

function hitOf(t: unknown): CountDelta | null {
  if (!Array.isArray(t) || t.length !== 4) return null;
  const [day, linkId, botHits, impressions] = t as unknown[];
  if (!isText(day) || !isText(linkId) || !isCount(botHits) || !isCount(impressions)) return null;
  return { day, linkId, counts: { clicks: 0, bot_hits: botHits, impressions } };
}

function addExtra(hit: CountDelta, extra: unknown): void {
  if (typeof extra !== "object" || extra === null) return;
  const { p, q, d } = extra as Record<string, unknown>;
  if (isText(p) && isText(q)) {
    hit.programId = p;
    hit.partnerId = q;
  }
  const dims = hitDimsOf(d);
  if (dims) hit.dims = dims;
}

/** A message body back into a batch, or null when it is not one (it is then set aside, logged). */
export function decodeClickBatch(body: unknown): ClickBatch | null {
  const m = body as (Omit<Partial<ClickBatchMessage>, "v"> & { v?: number }) | null;
  const version = m?.v;
  if (version !== 1 && version !== 2) return null;
  if (!isText(m?.id) || !Array.isArray(m.c) || !Array.isArray(m.h)) return null;
  const clicks = m.c.map((t) => clickOf(t, version));
  const hits = m.h.map(hitOf);
  if (clicks.includes(null) || hits.includes(null)) return null;
  // Dimensions that do not check out are dropped, not the batch: its hits still count in totals.
  if (Array.isArray(m.hd) && m.hd.length === hits.length) {
    for (const [i, extra] of m.hd.entries()) addExtra(hits[i] as CountDelta, extra);
  }
  return { id: m.id, clicks: clicks as Click[], hits: hits as CountDelta[] };
}
