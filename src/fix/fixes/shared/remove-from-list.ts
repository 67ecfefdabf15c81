// Removing some items of a list, as changes: the whole entry when nothing would be left (an empty
// block sequence cannot be written in place of its items), else each item, last first, so that
// applying them one after another never shifts an index still to be removed.

import type { Change } from '../../engine/change';

export function removeFromList(path: string, items: readonly unknown[], forbidden: (item: unknown, index: number) => boolean): Change[] {
  const indexes = items.flatMap((item, i) => (forbidden(item, i) ? [i] : []));
  if (indexes.length === 0) return [];
  if (indexes.length === items.length) return [{ op: 'remove', path }];
  return indexes.reverse().map((i) => ({ op: 'remove', path: `${path}[${i}]` }));
}
