import { sqsError } from './errors.js';
import type { RequestContext } from '../../protocol/service.js';
import type { QueueKey } from './engine/types.js';

/**
 * Queue URLs are `<base>/<account-id>/<queue-name>`. A URL is resolved by its path alone, so
 * any host works (localhost, another container's name, LocalStack-style
 * `sqs.<region>.localhost.localstack.cloud`); the region is the request's.
 */
const QUEUE_PATH = /^\/(\d{12})\/([^/?#]+)\/?$/;

/**
 * AWS also takes a bare queue name as QueueUrl, in the caller's account and region; a QueueUrl that
 * names no queue it can find (garbled, or not a queue URL) is QueueDoesNotExist, not InvalidAddress
 * (issue 11, recorded against AWS; docs/fidelity.md SQS-QUEUEURL).
 */
export function queueKeyFromUrl(queueUrl: string, ctx: RequestContext): QueueKey {
  if (BARE_QUEUE_NAME.test(queueUrl)) return { accountId: ctx.accountId, region: ctx.region, name: queueUrl };
  const path = pathOf(queueUrl);
  const match = path === undefined ? null : QUEUE_PATH.exec(path);
  const name = match ? decodedName(match[2]!) : undefined;
  if (!match || name === undefined) throw sqsError('QueueDoesNotExist', 'The specified queue does not exist.');
  return { accountId: match[1]!, region: ctx.region, name };
}

/** A queue name as CreateQueue allows it: up to 80 of [A-Za-z0-9_-], `.fifo` for FIFO queues. */
const BARE_QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}(\.fifo)?$/;

/** A percent-encoded queue name; undefined when the escapes are not UTF-8 (`%E0%A4`, `%`). */
function decodedName(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

export function queueUrlOf(key: Pick<QueueKey, 'accountId' | 'name'>, ctx: Pick<RequestContext, 'baseUrl'>): string {
  return `${ctx.baseUrl}/${key.accountId}/${key.name}`;
}

/** A request sent to a queue URL (`POST /<account>/<queue>`) names its queue by its path. */
export function queueUrlFromPath(ctx: RequestContext): string | undefined {
  return QUEUE_PATH.test(ctx.path) ? `${ctx.baseUrl}${ctx.path.replace(/\/$/, '')}` : undefined;
}

function pathOf(queueUrl: string): string | undefined {
  if (queueUrl.startsWith('/')) return queueUrl;
  try {
    return new URL(queueUrl).pathname;
  } catch {
    return undefined;
  }
}
