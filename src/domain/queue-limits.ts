import { groupsUnder } from "./size-groups";

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

/** Items in the order given, in groups one `sendBatch` takes (SEND_BATCH_MESSAGES, `maxBytes`). */
export const sendBatchGroups = <T>(
  items: T[],
  sizeOf: (item: T) => number,
  maxBytes = SEND_BATCH_BYTES,
): T[][] => groupsUnder(items, sizeOf, maxBytes, SEND_BATCH_MESSAGES);
