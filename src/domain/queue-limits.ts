/**
 * Cloudflare Queues' limits on what one send may carry, as Queues counts them: 1 KB is 1,000
 * bytes, and a message is its body (JSON, in UTF-8 bytes, not UTF-16 characters) plus about 100
 * bytes of metadata. A `sendBatch` over either limit is refused whole.
 */
export const SEND_BATCH_MESSAGES = 100;
/** 256 KB a batch, less room for the metadata Queues only estimates ("about 100 bytes"). */
export const SEND_BATCH_BYTES = 240_000;
export const MESSAGE_METADATA_BYTES = 100;

const encoder = new TextEncoder();

/** A body's size on the queue: its JSON in UTF-8 bytes (a 4-byte character is 2 UTF-16 units). */
export const messageBytes = (body: unknown): number =>
  encoder.encode(JSON.stringify(body)).length + MESSAGE_METADATA_BYTES;

/**
 * Items in the order given, in groups one `sendBatch` takes: at most SEND_BATCH_MESSAGES and
 * `maxBytes` (each item's size from `sizeOf`). An item alone over `maxBytes` gets a group of its
 * own: only Queues can say whether it fits a message.
 */
export function sendBatchGroups<T>(
  items: T[],
  sizeOf: (item: T) => number,
  maxBytes = SEND_BATCH_BYTES,
): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (group.length && (bytes + size > maxBytes || group.length === SEND_BATCH_MESSAGES)) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(item);
    bytes += size;
  }
  if (group.length) groups.push(group);
  return groups;
}
