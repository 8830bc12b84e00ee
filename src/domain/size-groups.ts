/**
 * Items in the order given, in groups of at most `maxCount` items and `maxBytes` (each item's
 * size from `sizeOf`): what one queue send or one D1 statement may carry. An item alone over
 * `maxBytes` gets a group of its own: only the receiver can say whether it fits.
 */
export function groupsUnder<T>(
  items: T[],
  sizeOf: (item: T) => number,
  maxBytes: number,
  maxCount = Number.POSITIVE_INFINITY,
): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (group.length && (bytes + size > maxBytes || group.length >= maxCount)) {
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
