import { buildErrorTable } from '../../protocol/model/error-table.js';
import { applyOverlays, readVendoredModel } from '../../protocol/model/load.js';
import { bindHandlers, type ServiceDefinition } from '../../protocol/service.js';
import type { KinesisEngine } from './engine/kinesis-engine.js';
import { kinesisCommonErrors } from './errors.js';
import { kinesisInputError } from './input-errors.js';
import { addTagsToStream } from './operations/add-tags-to-stream.js';
import { createStream } from './operations/create-stream.js';
import { decreaseStreamRetentionPeriod } from './operations/decrease-stream-retention-period.js';
import { deleteResourcePolicy } from './operations/delete-resource-policy.js';
import { deleteStream } from './operations/delete-stream.js';
import { deregisterStreamConsumer } from './operations/deregister-stream-consumer.js';
import { describeAccountSettings } from './operations/describe-account-settings.js';
import { describeLimits } from './operations/describe-limits.js';
import { describeStream } from './operations/describe-stream.js';
import { describeStreamConsumer } from './operations/describe-stream-consumer.js';
import { describeStreamSummary } from './operations/describe-stream-summary.js';
import { disableEnhancedMonitoring } from './operations/disable-enhanced-monitoring.js';
import { enableEnhancedMonitoring } from './operations/enable-enhanced-monitoring.js';
import { getRecords } from './operations/get-records.js';
import { getResourcePolicy } from './operations/get-resource-policy.js';
import { getShardIterator } from './operations/get-shard-iterator.js';
import { increaseStreamRetentionPeriod } from './operations/increase-stream-retention-period.js';
import { listShards } from './operations/list-shards.js';
import { listStreamConsumers } from './operations/list-stream-consumers.js';
import { listStreams } from './operations/list-streams.js';
import { listTagsForResource } from './operations/list-tags-for-resource.js';
import { listTagsForStream } from './operations/list-tags-for-stream.js';
import { mergeShards } from './operations/merge-shards.js';
import { putRecord } from './operations/put-record.js';
import { putRecords } from './operations/put-records.js';
import { putResourcePolicy } from './operations/put-resource-policy.js';
import { registerStreamConsumer } from './operations/register-stream-consumer.js';
import { removeTagsFromStream } from './operations/remove-tags-from-stream.js';
import { splitShard } from './operations/split-shard.js';
import { startStreamEncryption } from './operations/start-stream-encryption.js';
import { stopStreamEncryption } from './operations/stop-stream-encryption.js';
import { subscribeToShard } from './operations/subscribe-to-shard.js';
import { tagResource } from './operations/tag-resource.js';
import type { KinesisOperationTable } from './operations/types.js';
import { untagResource } from './operations/untag-resource.js';
import { updateAccountSettings } from './operations/update-account-settings.js';
import { updateMaxRecordSize } from './operations/update-max-record-size.js';
import { updateShardCount } from './operations/update-shard-count.js';
import { updateStreamMode } from './operations/update-stream-mode.js';
import { updateStreamWarmThroughput } from './operations/update-stream-warm-throughput.js';

/** The Kinesis model, loaded once. It is complete for JSON 1.1; no overlay is needed. */
export const kinesisModel = applyOverlays(readVendoredModel('kinesis-2013-12-02.json'), []);
/** Kinesis's JSON `__type` is the bare shape name (`ResourceNotFoundException`). */
const JSON_ERROR_NAMESPACE = '';
const kinesisErrorTable = buildErrorTable(kinesisModel, JSON_ERROR_NAMESPACE, kinesisCommonErrors);

/** Every Kinesis operation, served over JSON 1.1 and CBOR, by its AWS name (SubscribeToShard answers an event stream). */
const operations: KinesisOperationTable = {
  AddTagsToStream: addTagsToStream,
  CreateStream: createStream,
  DecreaseStreamRetentionPeriod: decreaseStreamRetentionPeriod,
  DeleteResourcePolicy: deleteResourcePolicy,
  DeleteStream: deleteStream,
  DeregisterStreamConsumer: deregisterStreamConsumer,
  DescribeAccountSettings: describeAccountSettings,
  DescribeLimits: describeLimits,
  DescribeStream: describeStream,
  DescribeStreamConsumer: describeStreamConsumer,
  DescribeStreamSummary: describeStreamSummary,
  DisableEnhancedMonitoring: disableEnhancedMonitoring,
  EnableEnhancedMonitoring: enableEnhancedMonitoring,
  GetRecords: getRecords,
  GetResourcePolicy: getResourcePolicy,
  GetShardIterator: getShardIterator,
  IncreaseStreamRetentionPeriod: increaseStreamRetentionPeriod,
  ListShards: listShards,
  ListStreamConsumers: listStreamConsumers,
  ListStreams: listStreams,
  ListTagsForResource: listTagsForResource,
  ListTagsForStream: listTagsForStream,
  MergeShards: mergeShards,
  PutRecord: putRecord,
  PutRecords: putRecords,
  PutResourcePolicy: putResourcePolicy,
  RegisterStreamConsumer: registerStreamConsumer,
  RemoveTagsFromStream: removeTagsFromStream,
  SplitShard: splitShard,
  StartStreamEncryption: startStreamEncryption,
  StopStreamEncryption: stopStreamEncryption,
  SubscribeToShard: subscribeToShard,
  TagResource: tagResource,
  UntagResource: untagResource,
  UpdateAccountSettings: updateAccountSettings,
  UpdateMaxRecordSize: updateMaxRecordSize,
  UpdateShardCount: updateShardCount,
  UpdateStreamMode: updateStreamMode,
  UpdateStreamWarmThroughput: updateStreamWarmThroughput,
};

export function kinesisService(engine: KinesisEngine): ServiceDefinition {
  const handlers = bindHandlers(operations, engine);
  return {
    name: 'kinesis',
    model: kinesisModel,
    errors: kinesisErrorTable,
    jsonErrorNamespace: JSON_ERROR_NAMESPACE,
    queryCompatible: false,
    handlers,
    inputError: kinesisInputError,
  };
}
