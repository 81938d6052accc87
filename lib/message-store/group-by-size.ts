/** Consecutive groups of at most `maxMessages` and (unless one message alone is larger) `maxBytes`. */
export function groupBySize<T extends { size: number }>(items: T[], maxMessages: number, maxBytes: number): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  let bytes = 0;
  for (const item of items) {
    if (group.length && (group.length >= maxMessages || bytes + item.size > maxBytes)) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(item);
    bytes += item.size;
  }
  if (group.length) groups.push(group);
  return groups;
}
