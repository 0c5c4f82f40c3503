// Splits a matrix into n shards for a CI job matrix: every cell in exactly one shard, the same cells in
// the same shard each night, the shards as even as the units allow. Pure.

/** `2/3` -> { index: 2, count: 3 }; undefined when the text is not a shard. */
export function parseShard(text: string): { index: number; count: number } | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return count >= 1 && index >= 1 && index <= count ? { index, count } : undefined;
}

/**
 * Assigns each unit (a runtime's bisect, or one cell in full mode) to a shard, heaviest first onto the
 * lightest shard; ties break by id, so the same units always land the same way. Returns shard numbers
 * (1-based) by unit id.
 */
export function assignShards(
  units: readonly { readonly id: string; readonly weight: number }[],
  count: number,
): Map<string, number> {
  const load = Array.from({ length: count }, () => 0);
  // Units that cost nothing (a runtime no image serves) go where the fewest units are, and so do ties.
  const held = Array.from({ length: count }, () => 0);
  const assignment = new Map<string, number>();
  const ordered = [...units].sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const unit of ordered) {
    let lightest = 0;
    const before = (i: number, j: number): boolean =>
      unit.weight === 0
        ? held[i]! < held[j]!
        : load[i]! < load[j]! || (load[i] === load[j] && held[i]! < held[j]!);
    for (let i = 1; i < count; i++) if (before(i, lightest)) lightest = i;
    load[lightest]! += unit.weight;
    held[lightest]! += 1;
    assignment.set(unit.id, lightest + 1);
  }
  return assignment;
}
