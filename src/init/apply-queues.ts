import { changedAttributes, changedTags } from './attribute-diff.js';
import type { CallSite, InitContext } from './invoker.js';
import { queueArnOf } from '../arn.js';
import type { QueuePlan } from './plan.js';

export type Outcome = 'created' | 'updated' | 'unchanged';

/** A standard queue does not report FifoQueue; the file may still say `FifoQueue: false`. */
const QUEUE_DEFAULTS = { FifoQueue: 'false' };

/**
 * Creates each queue, or brings an existing one to the file's attributes and tags as
 * SetQueueAttributes and TagQueue would. Redrive policies are set once every queue exists, so a
 * dead-letter queue (and its RedriveAllowPolicy) may be declared anywhere in the file.
 */
export async function applyQueues(init: InitContext, queues: readonly QueuePlan[]): Promise<Outcome[]> {
  const states: ({ outcome: Outcome; changes: string[]; redrivePolicy: string } | undefined)[] = [];
  for (const queue of queues) states.push(await init.attempt(() => ensureQueue(init, queue)));
  for (const [i, queue] of queues.entries()) {
    const state = states[i];
    if (!state || queue.redrivePolicy === undefined) continue;
    const changed = changedAttributes({ RedrivePolicy: state.redrivePolicy }, { RedrivePolicy: queue.redrivePolicy });
    if (Object.keys(changed).length === 0) continue;
    const set = await init.attempt(async () => {
      await init.call('sqs', 'SetQueueAttributes', { QueueUrl: urlOf(init, queue), Attributes: changed }, siteOf(queue));
      return true;
    });
    if (!set) continue;
    if (state.outcome === 'unchanged') state.outcome = 'updated';
    if (state.outcome === 'updated') state.changes.push('RedrivePolicy');
  }
  queues.forEach((queue, i) => states[i] && logOutcome(init, 'queue', queue.key.name, queueArnOf(queue.key), states[i]));
  return states.flatMap((s) => (s ? [s.outcome] : []));
}

async function ensureQueue(init: InitContext, queue: QueuePlan): Promise<{ outcome: Outcome; changes: string[]; redrivePolicy: string }> {
  const at = siteOf(queue);
  const exists = await init.find('sqs', 'GetQueueUrl', { QueueName: queue.key.name }, at, 'QueueDoesNotExist');
  if (!exists) {
    // AWS refuses FifoQueue=false on CreateQueue (InvalidAttributeName); a file may still say it.
    const { FifoQueue, ...rest } = queue.attributes;
    const attributes = FifoQueue === 'false' ? rest : queue.attributes;
    await init.call(
      'sqs',
      'CreateQueue',
      { QueueName: queue.key.name, Attributes: attributes, ...(Object.keys(queue.tags).length > 0 ? { tags: queue.tags } : {}) },
      at,
    );
    return { outcome: 'created', changes: [], redrivePolicy: '' };
  }
  const url = urlOf(init, queue);
  const { Attributes: current = {} } = await init.call<{ Attributes?: Record<string, string> }>(
    'sqs',
    'GetQueueAttributes',
    { QueueUrl: url, AttributeNames: ['All'] },
    at,
  );
  const changes: string[] = [];
  const attributes = changedAttributes(current, queue.attributes, QUEUE_DEFAULTS);
  if (Object.keys(attributes).length > 0) {
    await init.call('sqs', 'SetQueueAttributes', { QueueUrl: url, Attributes: attributes }, at);
    changes.push(...Object.keys(attributes));
  }
  const { Tags: currentTags = {} } = await init.call<{ Tags?: Record<string, string> }>('sqs', 'ListQueueTags', { QueueUrl: url }, at);
  const tags = changedTags(currentTags, queue.tags);
  if (Object.keys(tags).length > 0) {
    await init.call('sqs', 'TagQueue', { QueueUrl: url, Tags: tags }, at);
    changes.push('tags');
  }
  return { outcome: changes.length > 0 ? 'updated' : 'unchanged', changes, redrivePolicy: current.RedrivePolicy ?? '' };
}

function siteOf(queue: QueuePlan): CallSite {
  return { owner: queue.key, path: queue.path, fields: queue.fields };
}

function urlOf(init: InitContext, queue: QueuePlan): string {
  return `${init.baseUrl}/${queue.key.accountId}/${encodeURIComponent(queue.key.name)}`;
}

/** One info line per created or updated resource; an unchanged one is a debug line. */
export function logOutcome(init: InitContext, kind: string, name: string, arn: string, state: { outcome: Outcome; changes?: string[] }): void {
  const details = { kind, name, arn, outcome: state.outcome, ...(state.changes?.length ? { changed: state.changes } : {}) };
  if (state.outcome === 'unchanged') init.logger.debug(details, `init: ${kind} ${name} unchanged`);
  else init.logger.info(details, `init: ${state.outcome} ${kind} ${name}${state.changes?.length ? ` (${state.changes.join(', ')})` : ''}`);
}
