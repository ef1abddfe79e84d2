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

export function receivePayload(queueUrl: string, max: number, waitSeconds: number, visibilityTimeout: number): object {
  return {
    QueueUrl: queueUrl,
    MaxNumberOfMessages: max,
    WaitTimeSeconds: waitSeconds,
    VisibilityTimeout: visibilityTimeout,
  };
}

export function deleteBatchPayload(queueUrl: string, receiptHandles: readonly string[]): object {
  return {
    QueueUrl: queueUrl,
    Entries: receiptHandles.map((handle, i) => ({ Id: `d${i}`, ReceiptHandle: handle })),
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
