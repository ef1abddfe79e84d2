import { Countdown } from '../../../clock.js';
import type { SubscribeToShardEventStream } from '../../../generated/kinesis.js';
import type { RequestContext } from '../../../protocol/service.js';
import type { KinesisEngine } from '../engine/kinesis-engine.js';
import { SUBSCRIPTION_TTL_MS } from '../limits.js';
import { consumerTargetOf } from './stream-target.js';
import type { KinesisOperation } from './types.js';

/** With nothing new, AWS still sends an (empty) event every few seconds; 5 s here. */
const HEARTBEAT_MS = 5_000;
/** Records per event, as GetRecords' maximum. */
const EVENT_RECORD_LIMIT = 10_000;

/**
 * Enhanced fan-out: an HTTP/2 event stream of SubscribeToShardEvent for one consumer and shard.
 * An event goes out at once, then whenever records arrive (woken by the put) or every 5 s, until
 * the closed shard's end (with ChildShards), the 5-minute subscription limit, or the client leaving.
 */
export const subscribeToShard: KinesisOperation<'SubscribeToShard'> = (engine, input, ctx) => {
  const { key, name } = consumerTargetOf({ ConsumerARN: input.ConsumerARN });
  engine.consumers.requireActive(key, name);
  const start = engine.records.openSubscription(key, {
    shardId: input.ShardId,
    type: input.StartingPosition.Type,
    ...(input.StartingPosition.SequenceNumber !== undefined ? { startingSequenceNumber: input.StartingPosition.SequenceNumber } : {}),
    ...(input.StartingPosition.Timestamp !== undefined ? { timestampMs: input.StartingPosition.Timestamp.getTime() } : {}),
  });
  // The model marks ContinuationSequenceNumber required, but at a closed shard's end AWS leaves it
  // out (the KCL reads its absence as the shard's end), so the events are typed a little wider.
  return { EventStream: events(engine, start, ctx) as SubscribeToShardEventStream };
};

async function* events(engine: KinesisEngine, start: { streamId: number; shardIndex: number; seqIx: number }, ctx: RequestContext) {
  const lifetime = new Countdown(engine.access.clock, SUBSCRIPTION_TTL_MS);
  let seqIx = start.seqIx;
  while (!ctx.signal.aborted) {
    const read = engine.records.readSubscription(start.streamId, start.shardIndex, seqIx, EVENT_RECORD_LIMIT, ctx.accountId);
    seqIx = read.nextSeqIx;
    yield {
      SubscribeToShardEvent: {
        Records: read.records.map((r) => ({
          SequenceNumber: r.sequenceNumber,
          ApproximateArrivalTimestamp: new Date(r.arrivedAtMs),
          Data: r.data,
          PartitionKey: r.partitionKey,
        })),
        ...(read.continuationSequenceNumber !== undefined ? { ContinuationSequenceNumber: read.continuationSequenceNumber } : {}),
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
      },
    };
    const remainingMs = lifetime.remainingMs();
    if (read.endOfShard || remainingMs === 0) return;
    if (read.millisBehindLatest > 0) continue;
    await nextPutOrHeartbeat(engine, start, Math.min(HEARTBEAT_MS, remainingMs), ctx.signal);
  }
}

async function nextPutOrHeartbeat(engine: KinesisEngine, at: { streamId: number; shardIndex: number }, waitMs: number, signal: AbortSignal): Promise<void> {
  const done = new AbortController();
  const either = AbortSignal.any([signal, done.signal]);
  await Promise.race([engine.records.signals.nextPut(at.streamId, at.shardIndex, either), engine.access.clock.sleep(waitMs, either)]);
  done.abort();
}
