import type { ConsumerView, ShardView, StreamView } from '../engine/types.js';

/** Engine views → the model's output shapes (PascalCase, timestamps as Dates). */
export function shardShape(shard: ShardView) {
  return {
    ShardId: shard.shardId,
    ...(shard.parentShardId ? { ParentShardId: shard.parentShardId } : {}),
    ...(shard.adjacentParentShardId ? { AdjacentParentShardId: shard.adjacentParentShardId } : {}),
    HashKeyRange: { StartingHashKey: shard.startingHashKey, EndingHashKey: shard.endingHashKey },
    SequenceNumberRange: {
      StartingSequenceNumber: shard.startingSequenceNumber,
      ...(shard.endingSequenceNumber ? { EndingSequenceNumber: shard.endingSequenceNumber } : {}),
    },
  };
}

export function enhancedMonitoringShape(view: StreamView) {
  return [{ ShardLevelMetrics: view.shardLevelMetrics }];
}

export function streamModeShape(view: StreamView) {
  return { StreamMode: view.mode };
}

export function streamDescriptionShape(view: StreamView, shards: ShardView[], hasMoreShards: boolean) {
  return {
    StreamName: view.name,
    StreamARN: view.arn,
    StreamStatus: view.status,
    StreamModeDetails: streamModeShape(view),
    Shards: shards.map(shardShape),
    HasMoreShards: hasMoreShards,
    RetentionPeriodHours: view.retentionHours,
    StreamCreationTimestamp: new Date(view.createdAtMs),
    EnhancedMonitoring: enhancedMonitoringShape(view),
    EncryptionType: view.encryptionType,
    ...(view.keyId ? { KeyId: view.keyId } : {}),
  };
}

export function streamSummaryShape(view: StreamView) {
  return {
    StreamName: view.name,
    StreamARN: view.arn,
    StreamStatus: view.status,
    StreamModeDetails: streamModeShape(view),
    RetentionPeriodHours: view.retentionHours,
    StreamCreationTimestamp: new Date(view.createdAtMs),
    EnhancedMonitoring: enhancedMonitoringShape(view),
    EncryptionType: view.encryptionType,
    ...(view.keyId ? { KeyId: view.keyId } : {}),
    OpenShardCount: view.openShardCount,
    ConsumerCount: view.consumerCount,
    MaxRecordSizeInKiB: view.maxRecordSizeKiB,
    ...(view.warmThroughputMiBps !== undefined ? { WarmThroughput: { TargetMiBps: view.warmThroughputMiBps, CurrentMiBps: view.warmThroughputMiBps } } : {}),
  };
}

export function consumerShape(c: ConsumerView) {
  return { ConsumerName: c.name, ConsumerARN: c.arn, ConsumerStatus: c.status, ConsumerCreationTimestamp: new Date(c.createdAtMs) };
}
