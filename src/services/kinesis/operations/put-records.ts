import { kinesisErrors } from '../errors.js';
import { MAX_PUT_RECORDS_BYTES } from '../limits.js';
import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation } from './types.js';

/** 1–500 records (the model checks the count); failures are reported per record. */
export const putRecords: KinesisOperation<'PutRecords'> = (engine, input, ctx) => {
  const key = streamKeyOf(input, ctx);
  const bytes = input.Records.reduce((n, r) => n + r.Data.length + Buffer.byteLength(r.PartitionKey), 0);
  if (bytes > MAX_PUT_RECORDS_BYTES) {
    // Unverified against AWS: the exact wording.
    throw kinesisErrors.invalidArgument(`Records size exceeds ${MAX_PUT_RECORDS_BYTES / 1024 / 1024} MB limit`);
  }
  const { results, encryptionType } = engine.records.putRecords(
    key,
    input.Records.map((r) => ({
      partitionKey: r.PartitionKey,
      data: r.Data,
      ...(r.ExplicitHashKey !== undefined ? { explicitHashKey: r.ExplicitHashKey } : {}),
    })),
  );
  const failed = results.filter((r) => 'errorCode' in r).length;
  return {
    FailedRecordCount: failed,
    Records: results.map((r) =>
      'errorCode' in r ? { ErrorCode: r.errorCode, ErrorMessage: r.errorMessage } : { ShardId: r.shardId, SequenceNumber: r.sequenceNumber },
    ),
    EncryptionType: encryptionType,
  };
};
