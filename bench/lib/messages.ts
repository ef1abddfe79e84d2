// Request payloads shared by the bench and the Fastify ceiling server, so both
// agree on the message body (and therefore on its MD5) and on batch entry ids.

export const BATCH_SIZE = 10;

/** A printable ASCII body of exactly `bytes` bytes (deterministic, so its MD5 is stable). */
export function benchMessageBody(bytes: number): string {
  const pattern = 'wharf-bench-0123456789-abcdefghijklmnopqrstuvwxyz-';
  return pattern.repeat(Math.ceil(bytes / pattern.length)).slice(0, bytes);
}

export function sendMessagePayload(queueUrl: string, body: string): object {
  return { QueueUrl: queueUrl, MessageBody: body };
}

export function sendMessageBatchPayload(queueUrl: string, body: string): object {
  return {
    QueueUrl: queueUrl,
    Entries: Array.from({ length: BATCH_SIZE }, (_, i) => ({ Id: `m${i}`, MessageBody: body })),
  };
}

/** `visibilityTimeout` undefined leaves it out, so the queue's own VisibilityTimeout applies. */
export function receivePayload(queueUrl: string, max: number, waitSeconds: number, visibilityTimeout: number | undefined): object {
  return {
    QueueUrl: queueUrl,
    MaxNumberOfMessages: max,
    WaitTimeSeconds: waitSeconds,
    ...(visibilityTimeout === undefined ? {} : { VisibilityTimeout: visibilityTimeout }),
  };
}

export function deleteBatchPayload(queueUrl: string, receiptHandles: readonly string[]): object {
  return {
    QueueUrl: queueUrl,
    Entries: receiptHandles.map((handle, i) => ({ Id: `d${i}`, ReceiptHandle: handle })),
  };
}

// FIFO bodies carry their group and a per-group counter, so the consumer can check order
// from the body alone (no message attributes to request, parse or trust).

/** `<group>:<counter>:` padded to `bytes` with the usual filler. */
export function fifoMessageBody(group: number, counter: number, bytes: number): string {
  const head = `${group}:${counter}:`;
  return head + benchMessageBody(Math.max(1, bytes - head.length));
}

/** The group and counter of a fifoMessageBody, or undefined for anything else. */
export function parseFifoBody(body: string | undefined): { group: number; counter: number } | undefined {
  const match = body === undefined ? null : /^(\d+):(\d+):/.exec(body);
  return match ? { group: Number(match[1]), counter: Number(match[2]) } : undefined;
}

/**
 * A FIFO SendMessageBatch of `count` messages of one group with counters `first`, `first + 1`...
 * Entry ids are `m<counter>` so the reply's Successful ids name the accepted counters.
 * Each message has its own MessageDeduplicationId (the queue has no content-based
 * deduplication, and equal bodies must not be taken for duplicates).
 */
export function fifoSendBatchPayload(queueUrl: string, group: number, first: number, count: number, bytes: number): object {
  return {
    QueueUrl: queueUrl,
    Entries: Array.from({ length: count }, (_, i) => ({
      Id: `m${first + i}`,
      MessageBody: fifoMessageBody(group, first + i, bytes),
      MessageGroupId: `g${group}`,
      MessageDeduplicationId: `${group}-${first + i}`,
    })),
  };
}

export interface ReceivedMessage {
  readonly body: string | undefined;
  readonly receiptHandle: string;
}

/** The messages of a parsed ReceiveMessage reply (an absent list means none). */
export function receivedMessages(reply: Record<string, unknown> | undefined): ReceivedMessage[] {
  const list = reply?.['Messages'];
  if (!Array.isArray(list)) return [];
  const out: ReceivedMessage[] = [];
  for (const item of list as Array<Record<string, unknown>>) {
    const handle = item['ReceiptHandle'];
    if (typeof handle !== 'string') continue;
    const body = item['Body'];
    out.push({ receiptHandle: handle, body: typeof body === 'string' ? body : undefined });
  }
  return out;
}

/** Successful/Failed counts of a parsed *Batch reply. */
export function batchCounts(reply: Record<string, unknown> | undefined): { ok: number; failed: number; firstFailure?: string } {
  const ok = reply?.['Successful'];
  const failed = reply?.['Failed'];
  const failures = Array.isArray(failed) ? (failed as Array<Record<string, unknown>>) : [];
  const first = failures[0];
  return {
    ok: Array.isArray(ok) ? ok.length : 0,
    failed: failures.length,
    ...(first ? { firstFailure: `${String(first['Code'])}: ${String(first['Message'])}` } : {}),
  };
}

/** The entry ids listed as Successful in a parsed *Batch reply. */
export function batchSuccessfulIds(reply: Record<string, unknown> | undefined): string[] {
  const ok = reply?.['Successful'];
  if (!Array.isArray(ok)) return [];
  return (ok as Array<Record<string, unknown>>).map((entry) => entry['Id']).filter((id): id is string => typeof id === 'string');
}
