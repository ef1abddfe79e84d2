import type { KinesisEngine } from './kinesis-engine.js';
import type { IteratorType, StoredRecord, StreamKey } from './types.js';

const STREAM_ARN = /^arn:aws:kinesis:([^:]+):(\d{12}):stream\/([^/]+)$/;

export function streamKeyOfArn(arn: string): StreamKey | undefined {
  const m = STREAM_ARN.exec(arn);
  return m ? { region: m[1]!, accountId: m[2]!, name: m[3]! } : undefined;
}

/** A shard as a Lambda poller sees it: its lineage, and whether it is closed. */
export interface EventSourceShard {
  shardId: string;
  parentShardIds: string[];
  closed: boolean;
}

export interface ShardPosition {
  type: Extract<IteratorType, 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP' | 'AFTER_SEQUENCE_NUMBER'>;
  sequenceNumber?: string;
  timestampMs?: number;
}

/**
 * What Kinesis offers Lambda event source mappings (STYLE habit 8): find a stream by ARN, list
 * its shards with their lineage, read a shard from a position, and wait for the next put.
 * Nothing else of Kinesis. Reads fail soft (undefined) when the stream or shard is gone.
 */
export interface KinesisEventSourcePort {
  streamExists(arn: string): boolean;
  shardsOf(arn: string): EventSourceShard[] | undefined;
  iterator(arn: string, shardId: string, position: ShardPosition): string | undefined;
  /** Up to `limit` records; no nextIterator once a closed shard is read to its end. */
  read(arn: string, iterator: string, limit: number): { records: StoredRecord[]; nextIterator?: string } | undefined;
  /** Resolves at the next put into the shard (or when the signal aborts). */
  nextPut(arn: string, shardId: string, signal: AbortSignal): Promise<void>;
}

export function kinesisEventSourcePort(kinesis: KinesisEngine): KinesisEventSourcePort {
  const attempt = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch {
      return undefined;
    }
  };
  return {
    streamExists: (arn) => attempt(() => kinesis.describeStream(streamKeyOfArn(arn)!)) !== undefined,
    shardsOf: (arn) =>
      attempt(() =>
        kinesis.describeStream(streamKeyOfArn(arn)!).shards.map((s) => ({
          shardId: s.shardId,
          parentShardIds: [s.parentShardId, s.adjacentParentShardId].filter((p): p is string => p !== undefined),
          closed: s.closedAtMs !== undefined,
        })),
      ),
    iterator: (arn, shardId, position) =>
      attempt(() =>
        kinesis.records.getShardIterator(streamKeyOfArn(arn)!, {
          shardId,
          type: position.type,
          ...(position.sequenceNumber !== undefined ? { startingSequenceNumber: position.sequenceNumber } : {}),
          ...(position.timestampMs !== undefined ? { timestampMs: position.timestampMs } : {}),
        }),
      ),
    read: (arn, iterator, limit) =>
      attempt(() => {
        const { read, nextIterator } = kinesis.records.getRecords(iterator, limit, streamKeyOfArn(arn)!.accountId);
        return { records: read.records, ...(nextIterator !== undefined ? { nextIterator } : {}) };
      }),
    nextPut: async (arn, shardId, signal) => {
      const key = streamKeyOfArn(arn);
      const stream = key ? kinesis.access.find(key) : undefined;
      const index = /^shardId-(\d{12})$/.exec(shardId);
      if (!stream || !index) return;
      await kinesis.records.signals.nextPut(stream.stream_id, Number(index[1]), signal);
    },
  };
}
