/** Which stream: account, region and name (an ARN is resolved to these by the operation). */
export interface StreamKey {
  accountId: string;
  region: string;
  name: string;
}

/** Behaviour knobs, from WHARF_KINESIS_* configuration. */
export interface KinesisOptions {
  /** How long a new stream (or consumer) stays CREATING. */
  createDelayMs: number;
  /** How long a deleted stream (or consumer) stays DELETING before it is gone. */
  deleteDelayMs: number;
  /** How long resharding, mode, encryption and retention changes keep a stream UPDATING. */
  updateDelayMs: number;
  /** Apply AWS's per-shard read and write limits (ProvisionedThroughputExceededException). */
  enforceLimits: boolean;
  /** Open shards allowed per account and region. */
  shardLimit: number;
}

export const DEFAULT_KINESIS_OPTIONS: KinesisOptions = { createDelayMs: 0, deleteDelayMs: 0, updateDelayMs: 0, enforceLimits: false, shardLimit: 500 };

export type StreamStatus = 'CREATING' | 'ACTIVE' | 'UPDATING' | 'DELETING';

export interface ShardView {
  shardId: string;
  shardIndex: number;
  parentShardId?: string;
  adjacentParentShardId?: string;
  /** Decimal strings, as AWS shows them. */
  startingHashKey: string;
  endingHashKey: string;
  startingSequenceNumber: string;
  endingSequenceNumber?: string;
  createdAtMs: number;
  closedAtMs?: number;
}

/** A stream's capacity mode, encryption and shard-level metrics, in AWS's words (the store keeps them as text). */
export type StreamMode = 'PROVISIONED' | 'ON_DEMAND';
export type EncryptionType = 'NONE' | 'KMS';
export type ShardLevelMetric =
  | 'IncomingBytes'
  | 'IncomingRecords'
  | 'OutgoingBytes'
  | 'OutgoingRecords'
  | 'WriteProvisionedThroughputExceeded'
  | 'ReadProvisionedThroughputExceeded'
  | 'IteratorAgeMilliseconds'
  | 'ALL';

export interface StreamView {
  name: string;
  arn: string;
  status: StreamStatus;
  createdAtMs: number;
  retentionHours: number;
  mode: StreamMode;
  encryptionType: EncryptionType;
  keyId?: string;
  shardLevelMetrics: ShardLevelMetric[];
  maxRecordSizeKiB: number;
  warmThroughputMiBps?: number;
  /** Every shard still within retention (closed shards expire after the retention period). */
  shards: ShardView[];
  openShardCount: number;
  consumerCount: number;
}

export interface RecordToPut {
  partitionKey: string;
  data: Buffer;
  explicitHashKey?: string;
}

export type PutResult = { shardId: string; sequenceNumber: string } | { errorCode: string; errorMessage: string };

export interface StoredRecord {
  sequenceNumber: string;
  partitionKey: string;
  data: Buffer;
  arrivedAtMs: number;
}

export interface ChildShardView {
  shardId: string;
  parentShards: string[];
  startingHashKey: string;
  endingHashKey: string;
}

export interface RecordBatch {
  records: StoredRecord[];
  /** undefined once a closed shard has been read to its end. */
  nextIterator?: string;
  millisBehindLatest: number;
  childShards?: ChildShardView[];
}

export type IteratorType = 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER' | 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP';

export interface ConsumerView {
  name: string;
  arn: string;
  status: 'CREATING' | 'ACTIVE' | 'DELETING';
  createdAtMs: number;
  streamArn: string;
}

/**
 * The shard index a ShardId names, read as AWS reads it (kinesalite's resolveShardId): the part
 * after the first `-` (`shardId-000000000001`, `shardId-1`, `x-1`) or the whole id (`1`), digits
 * up to 2^31-1. Undefined for anything else.
 */
export function shardIndexOf(shardId: string): number | undefined {
  const digits = shardId.split('-')[1] || shardId;
  if (!/^\d+$/.test(digits)) return undefined;
  const index = Number(digits);
  return index <= 2_147_483_647 ? index : undefined;
}

export function shardIdOf(shardIndex: number): string {
  return `shardId-${String(shardIndex).padStart(12, '0')}`;
}
