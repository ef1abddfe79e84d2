import { parseSequenceNumber } from '../engine/sequence-number.js';
import { kinesisErrors } from '../errors.js';
import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation } from './types.js';

/** SequenceNumberForOrdering must be a sequence number (kinesalite's wording); ordering within a shard is always strict here. */
export const putRecord: KinesisOperation<'PutRecord'> = (engine, input, ctx) => {
  const key = streamKeyOf(input, ctx);
  const ordering = input.SequenceNumberForOrdering;
  if (ordering !== undefined && ordering !== '0' && !parseSequenceNumber(ordering)) {
    throw kinesisErrors.invalidArgument(`ExclusiveMinimumSequenceNumber ${ordering} used in PutRecord on stream ${key.name} under account ${key.accountId} is invalid.`);
  }
  const { results, encryptionType } = engine.records.putRecords(key, [
    { partitionKey: input.PartitionKey, data: input.Data, ...(input.ExplicitHashKey !== undefined ? { explicitHashKey: input.ExplicitHashKey } : {}) },
  ]);
  const [result] = results;
  if (!result || 'errorCode' in result) throw kinesisErrors.throughputExceeded(result?.errorMessage ?? 'Rate exceeded.');
  return { ShardId: result.shardId, SequenceNumber: result.sequenceNumber, EncryptionType: encryptionType };
};
