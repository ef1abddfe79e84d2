/** An open shard as UNIFORM_SCALING sees it: its index and hash key range (bigints). */
export interface ScalingShard {
  index: number;
  start: bigint;
  end: bigint;
}

/** A shard UpdateShardCount creates; `closed` when a later step of the same call split or merged it again. */
export interface CreatedShard extends ScalingShard {
  parent: number;
  adjacentParent?: number;
  closed: boolean;
}

/**
 * The splits and merges UpdateShardCount (UNIFORM_SCALING) performs, in order. AWS's observable
 * lineage (moto, kinesis/models.py: "AWS seems to split until we have (current * 2) shards, and then
 * merge until we reach the target"): scaling up splits every open shard at its middle, then merges
 * adjacent pairs, lowest hash keys first, round after round, until `target` shards are open;
 * scaling down only merges. ListShards then shows every intermediate shard, closed: AWS's totals
 * are 4→5: 15 shards, 10→13: 37, 5→3: 7 (issue 11), which this reproduces.
 */
export function uniformScalingPlan(open: readonly ScalingShard[], target: number, nextIndex: number): { created: CreatedShard[]; closedOriginals: number[] } {
  let next = nextIndex;
  const created = new Map<number, CreatedShard>();
  const closedOriginals: number[] = [];
  const close = (shard: ScalingShard) => {
    const child = created.get(shard.index);
    if (child) child.closed = true;
    else closedOriginals.push(shard.index);
  };
  const make = (start: bigint, end: bigint, parent: number, adjacentParent?: number): ScalingShard => {
    const shard: CreatedShard = { index: next++, start, end, parent, closed: false, ...(adjacentParent !== undefined ? { adjacentParent } : {}) };
    created.set(shard.index, shard);
    return shard;
  };

  let shards = [...open].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  if (target > shards.length) {
    shards = shards.flatMap((shard) => {
      const middle = (shard.start + shard.end + 1n) / 2n;
      close(shard);
      return [make(shard.start, middle - 1n, shard.index), make(middle, shard.end, shard.index)];
    });
  }
  while (shards.length > target) {
    let merges = shards.length - target;
    const round: ScalingShard[] = [];
    let i = 0;
    for (; i + 1 < shards.length && merges > 0; i += 2, merges--) {
      const [low, high] = [shards[i]!, shards[i + 1]!];
      close(low);
      close(high);
      round.push(make(low.start, high.end, low.index, high.index));
    }
    shards = [...round, ...shards.slice(i)];
  }
  return { created: [...created.values()], closedOriginals };
}
