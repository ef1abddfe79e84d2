/**
 * Receipt handles name one receive of one message: `<queue id>:<message seq>:<receive token>`,
 * base64url-encoded and opaque to clients. A later receive of the same message gets a new token,
 * so an older handle is recognisably stale.
 */
export interface ReceiptHandle {
  queueId: number;
  messageSeq: number;
  token: string;
}

const PREFIX = 'wharf1';

export function encodeReceiptHandle(handle: ReceiptHandle): string {
  return Buffer.from(`${PREFIX}:${handle.queueId}:${handle.messageSeq}:${handle.token}`, 'utf8').toString('base64url');
}

/** Undefined when the text is not a handle wharf issued. */
export function decodeReceiptHandle(text: string): ReceiptHandle | undefined {
  if (text.length === 0 || text.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  const parts = Buffer.from(text, 'base64url').toString('utf8').split(':');
  if (parts.length !== 4 || parts[0] !== PREFIX) return undefined;
  const [, queueId, messageSeq, token] = parts as [string, string, string, string];
  if (!/^\d+$/.test(queueId) || !/^\d+$/.test(messageSeq) || token === '') return undefined;
  return { queueId: Number(queueId), messageSeq: Number(messageSeq), token };
}
