import type { IteratorType } from '../engine/types.js';
import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation, StreamTarget } from './types.js';

interface GetShardIteratorInput extends StreamTarget {
  ShardId: string;
  ShardIteratorType: IteratorType;
  StartingSequenceNumber?: string;
  Timestamp?: Date;
}

export const getShardIterator: KinesisOperation<GetShardIteratorInput, { ShardIterator: string }> = (engine, input, ctx) => ({
  ShardIterator: engine.records.getShardIterator(streamKeyOf(input, ctx), {
    shardId: input.ShardId,
    type: input.ShardIteratorType,
    ...(input.StartingSequenceNumber !== undefined ? { startingSequenceNumber: input.StartingSequenceNumber } : {}),
    ...(input.Timestamp !== undefined ? { timestampMs: input.Timestamp.getTime() } : {}),
  }),
});
