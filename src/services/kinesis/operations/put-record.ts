import { parseSequenceNumber } from '../engine/sequence-number.js';
import { kinesisErrors } from '../errors.js';
import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation } from './types.js';

/**
 * SequenceNumberForOrdering must be a sequence number whose time is not in the future (kinesalite's
 * recording of AWS, putRecord.js); ordering within a shard is always strict here.
 */
export const putRecord: KinesisOperation<'PutRecord'> = (engine, input, ctx) => {
  const key = streamKeyOf(input, ctx);
  const ordering = input.SequenceNumberForOrdering;
  const parts = ordering === undefined || ordering === '0' ? undefined : parseSequenceNumber(ordering);
  if (ordering !== undefined && ordering !== '0' && (!parts || parts.arrivedAtMs > engine.access.clock.now())) {
    throw kinesisErrors.invalidArgument(
      `ExclusiveMinimumSequenceNumber ${ordering} used in PutRecord on stream ${key.name} under account ${key.accountId} is invalid.`,
    );
  }
  const { results, encryptionType } = engine.records.putRecords(key, [
    { partitionKey: input.PartitionKey, data: input.Data, ...(input.ExplicitHashKey !== undefined ? { explicitHashKey: input.ExplicitHashKey } : {}) },
  ]);
  const [result] = results;
  if (!result || 'errorCode' in result) throw kinesisErrors.throughputExceeded(result?.errorMessage ?? 'Rate exceeded.');
  return { ShardId: result.shardId, SequenceNumber: result.sequenceNumber, EncryptionType: encryptionType };
};
