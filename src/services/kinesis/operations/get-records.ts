import { MAX_GET_RECORDS } from '../limits.js';
import type { KinesisOperation } from './types.js';

export const getRecords: KinesisOperation<'GetRecords'> = (engine, input, ctx) => {
  const { read, nextIterator } = engine.records.getRecords(input.ShardIterator, input.Limit ?? MAX_GET_RECORDS, ctx.accountId);
  return {
    Records: read.records.map((r) => ({
      SequenceNumber: r.sequenceNumber,
      ApproximateArrivalTimestamp: new Date(r.arrivedAtMs),
      Data: r.data,
      PartitionKey: r.partitionKey,
    })),
    ...(nextIterator !== undefined ? { NextShardIterator: nextIterator } : {}),
    MillisBehindLatest: read.millisBehindLatest,
    ...(read.endOfShard
      ? {
          ChildShards: read.childShards.map((c) => ({
            ShardId: c.shardId,
            ParentShards: c.parentShards,
            HashKeyRange: { StartingHashKey: c.startingHashKey, EndingHashKey: c.endingHashKey },
          })),
        }
      : {}),
  };
};
