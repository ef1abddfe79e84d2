import { sqsError } from './errors.js';
import type { RequestContext } from '../../protocol/service.js';
import type { QueueKey } from './engine/types.js';

/**
 * Queue URLs are `<base>/<account-id>/<queue-name>`. A URL is resolved by its path alone, so
 * any host works (localhost, another container's name, LocalStack-style
 * `sqs.<region>.localhost.localstack.cloud`); the region is the request's.
 */
const QUEUE_PATH = /^\/(\d{12})\/([^/?#]+)\/?$/;

export function queueKeyFromUrl(queueUrl: string, ctx: RequestContext): QueueKey {
  const path = pathOf(queueUrl);
  const match = path === undefined ? null : QUEUE_PATH.exec(path);
  const name = match ? decodedName(match[2]!) : undefined;
  if (!match || name === undefined) throw sqsError('InvalidAddress', `The address ${queueUrl} is not valid for this endpoint.`);
  return { accountId: match[1]!, region: ctx.region, name };
}

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
