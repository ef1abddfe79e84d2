import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation } from './types.js';

export const getShardIterator: KinesisOperation<'GetShardIterator'> = (engine, input, ctx) => ({
  ShardIterator: engine.records.getShardIterator(streamKeyOf(input, ctx), {
    shardId: input.ShardId,
    type: input.ShardIteratorType,
    ...(input.StartingSequenceNumber !== undefined ? { startingSequenceNumber: input.StartingSequenceNumber } : {}),
    ...(input.Timestamp !== undefined ? { timestampMs: input.Timestamp.getTime() } : {}),
  }),
});
