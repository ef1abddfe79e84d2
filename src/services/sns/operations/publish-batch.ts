import { AwsError } from '../../../errors.js';
import { snsErrors } from '../errors.js';
import { MAX_BATCH_ENTRIES, MAX_BATCH_ENTRY_ID_LENGTH, MAX_MESSAGE_BYTES } from '../limits.js';
import { checkAttributes, checkSubject, publishSize, toMessage } from './message-input.js';
import { checkTopicArn, type SnsOperation } from './types.js';

const BATCH_ENTRY_ID = new RegExp(`^[A-Za-z0-9_-]{1,${MAX_BATCH_ENTRY_ID_LENGTH}}$`);

interface BatchOutput {
  Successful: { Id: string; MessageId: string; SequenceNumber?: string }[];
  Failed: { Id: string; Code: string; Message: string; SenderFault: boolean }[];
}

export const publishBatch: SnsOperation<'PublishBatch'> = (engines, input, ctx) => {
  const entries = input.PublishBatchRequestEntries;
  if (entries.length === 0) throw new AwsError('EmptyBatchRequestException', "The batch request doesn't contain any entries.");
  if (entries.length > MAX_BATCH_ENTRIES)
    throw new AwsError('TooManyEntriesInBatchRequestException', 'The batch request contains more entries than permissible.');
  const topicArn = checkTopicArn(input.TopicArn, ctx);
  const topic = engines.sns.getTopic(topicArn);
  if (new Set(entries.map((e) => e.Id)).size !== entries.length) {
    throw new AwsError('BatchEntryIdsNotDistinctException', 'Two or more batch entries in the request have the same Id.');
  }
  for (const entry of entries) {
    if (entry.Id.length > MAX_BATCH_ENTRY_ID_LENGTH)
      throw new AwsError('InvalidBatchEntryIdException', `The Id of a batch entry in the batch request is too long: ${entry.Id}`);
    if (!BATCH_ENTRY_ID.test(entry.Id)) {
      throw new AwsError('InvalidBatchEntryIdException', `The Id of a batch entry in the batch request contains an impermissible character: ${entry.Id}`);
    }
  }
  // On a FIFO topic an entry without a group (or, without content-based deduplication, without a
  // deduplication id) fails the whole call, not the entry (LocalStack's AWS-recorded snapshots).
  if (topic.fifo) {
    if (entries.some((e) => e.MessageGroupId === undefined)) throw snsErrors.invalidParameter('The MessageGroupId parameter is required for FIFO topics');
    if (topic.attributes.ContentBasedDeduplication !== 'true' && entries.some((e) => e.MessageDeduplicationId === undefined)) {
      throw snsErrors.invalidParameter('The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
    }
  }
  entries.forEach((entry, i) => checkAttributes(entry.MessageAttributes ?? {}, i + 1));
  if (entries.reduce((sum, e) => sum + publishSize(e), 0) > MAX_MESSAGE_BYTES) {
    throw new AwsError('BatchRequestTooLongException', 'The length of all the messages put together is more than the limit.');
  }
  const output: BatchOutput = { Successful: [], Failed: [] };
  for (const entry of entries) {
    try {
      if (entry.Subject !== undefined) checkSubject(entry.Subject);
      if (entry.Message === '') throw snsErrors.invalidParameter('Empty message');
      const result = engines.sns.publish(topicArn, toMessage(engines, topicArn, entry), { baseUrl: ctx.baseUrl });
      output.Successful.push({
        Id: entry.Id,
        MessageId: result.messageId,
        ...(result.sequenceNumber !== undefined ? { SequenceNumber: result.sequenceNumber } : {}),
      });
    } catch (err) {
      if (!(err instanceof AwsError)) throw err;
      // An entry's own problem fails that entry only (unverified against AWS: which problems do).
      output.Failed.push({ Id: entry.Id, Code: err.code.replace(/Exception$/, ''), Message: err.message, SenderFault: true });
    }
  }
  return output;
};
