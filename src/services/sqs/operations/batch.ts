import { sqsError } from '../errors.js';
import { AwsError } from '../../../errors.js';
import type { BatchOutcome } from '../engine/types.js';
import { MAX_BATCH_ENTRIES, MAX_BATCH_ENTRY_ID_LENGTH } from '../limits.js';

const ENTRY_ID = new RegExp(`^[A-Za-z0-9_-]{1,${MAX_BATCH_ENTRY_ID_LENGTH}}$`);

/** The checks that fail a whole batch call, in the order AWS applies them. */
export function checkBatchEntries(entries: readonly { Id: string }[] | undefined, entryShape: string): void {
  if (!entries || entries.length === 0) throw sqsError('EmptyBatchRequest', `There should be at least one ${entryShape} in the request.`);
  if (entries.length > MAX_BATCH_ENTRIES) {
    throw sqsError('TooManyEntriesInBatchRequest', `Maximum number of entries per request are ${MAX_BATCH_ENTRIES}. You have sent ${entries.length}.`);
  }
  const seen = new Set<string>();
  for (const { Id } of entries) {
    if (!ENTRY_ID.test(Id)) {
      throw sqsError(
        'InvalidBatchEntryId',
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      );
    }
    if (seen.has(Id)) throw sqsError('BatchEntryIdsNotDistinct', `Id ${Id} repeated.`);
    seen.add(Id);
  }
}

/** Runs one entry, turning its AwsError into a per-entry failure. */
export function runEntry<T>(id: string, run: () => T): BatchOutcome<T> {
  try {
    return { id, ok: run() };
  } catch (err) {
    if (err instanceof AwsError) return { id, error: entryError(err) };
    throw err;
  }
}

export function entryError(err: AwsError): { code: string; message: string; senderFault: boolean } {
  return { code: err.code, message: err.message, senderFault: err.code !== 'InternalFailure' };
}

/** Splits outcomes into the Successful/Failed lists every SQS batch reply has. */
export function batchResult<T, S>(outcomes: BatchOutcome<T>[], success: (id: string, value: T) => S) {
  const Successful: S[] = [];
  const Failed: { Id: string; SenderFault: boolean; Code: string; Message: string }[] = [];
  for (const outcome of outcomes) {
    if ('ok' in outcome) Successful.push(success(outcome.id, outcome.ok));
    else Failed.push({ Id: outcome.id, SenderFault: outcome.error.senderFault, Code: outcome.error.code, Message: outcome.error.message });
  }
  return { Successful, Failed };
}
