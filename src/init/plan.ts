import { queueArnOf } from '../arn.js';
import type { InitFile, QueueEntry, StreamEntry, SubscriptionEntry, TopicEntry } from './schema.js';

/** Where a value sits in the file, as keys and list indexes: `['queues', 2, 'attributes', 'VisibilityTimeout']`. */
export type Path = readonly (string | number)[];

/** A problem found in the file's content, at a path (load.ts turns the path into a line). */
export interface PlanIssue {
  path: Path;
  message: string;
}

interface Planned {
  /** The entry in the file. */
  path: Path;
  /** AWS parameter or attribute name → where the file sets it, so an API error names the line of the value it is about. */
  fields: Record<string, Path>;
}

export interface Owner {
  accountId: string;
  region: string;
}

export interface QueuePlan extends Planned {
  key: Owner & { name: string };
  /** CreateQueue attributes, by AWS name, in AWS's string form; the RedrivePolicy is set apart. */
  attributes: Record<string, string>;
  /** Set once every queue exists, so a dead-letter queue may be declared after its source. */
  redrivePolicy?: string;
  tags: Record<string, string>;
}

export interface SubscriptionPlan extends Planned {
  /** For logs: `sqs:jobs` (a queue of this file) or `https:https://…` */
  label: string;
  protocol: string;
  endpoint: string;
  attributes: Record<string, string>;
}

export interface TopicPlan extends Planned {
  owner: Owner;
  name: string;
  attributes: Record<string, string>;
  tags: Record<string, string>;
  subscriptions: SubscriptionPlan[];
}

export type StreamCapacity = { mode: 'PROVISIONED'; shards: number } | { mode: 'ON_DEMAND' };

export interface StreamPlan extends Planned {
  key: Owner & { name: string };
  capacity: StreamCapacity;
  retentionHours?: number;
  consumers: { name: string; path: Path }[];
  tags: Record<string, string>;
}

export interface InitPlan {
  queues: QueuePlan[];
  topics: TopicPlan[];
  streams: StreamPlan[];
}

/**
 * Fills in the default account and region, turns friendly keys into AWS attributes, and
 * resolves references by name (a dead-letter queue, a subscribed queue) to ARNs, wherever in
 * the file the queue is declared. Returns the plan, or every issue found.
 */
/**
 * A file to plan. An entry may be missing (undefined) when it failed the shape check: the others
 * are still planned, so one run reports every problem; `alsoDeclared` names the queues of such
 * entries, so a reference to one is not reported as well.
 */
export interface PlannableFile {
  queues?: (QueueEntry | undefined)[] | undefined;
  topics?: (TopicEntry | undefined)[] | undefined;
  streams?: (StreamEntry | undefined)[] | undefined;
}

export function planOf(
  file: InitFile | PlannableFile,
  defaults: Owner,
  alsoDeclared: { path: Path; name: string; accountId?: string; region?: string }[] = [],
): { plan: InitPlan; issues: PlanIssue[] } {
  const issues: PlanIssue[] = [];
  const ownerOf = (entry: { accountId?: string | undefined; region?: string | undefined }): Owner => ({
    accountId: entry.accountId ?? defaults.accountId,
    region: entry.region ?? defaults.region,
  });
  const queueEntries = (file.queues ?? []).flatMap((entry, i) =>
    entry ? [{ entry, path: ['queues', i] as Path, key: { ...ownerOf(entry), name: entry.name } }] : [],
  );
  const declared: DeclaredQueue[] = [...queueEntries, ...alsoDeclared.map((q) => ({ path: q.path, key: { ...ownerOf(q), name: q.name } }))];
  const queues = queueEntries.map(({ entry, path, key }) => planQueue(entry, path, key, declared, issues));
  const topics = (file.topics ?? []).flatMap((entry, i) => (entry ? [planTopic(entry, ['topics', i], ownerOf(entry), declared, issues)] : []));
  const streams = (file.streams ?? []).flatMap((entry, i) => (entry ? [planStream(entry, ['streams', i], ownerOf(entry), issues)] : []));
  flagDuplicates(
    'queue',
    queues.map((q) => ({ id: JSON.stringify(q.key), name: q.key.name, path: q.path })),
    issues,
  );
  flagDuplicates(
    'topic',
    topics.map((t) => ({ id: JSON.stringify([t.owner, t.name]), name: t.name, path: t.path })),
    issues,
  );
  flagDuplicates(
    'stream',
    streams.map((s) => ({ id: JSON.stringify(s.key), name: s.key.name, path: s.path })),
    issues,
  );
  // The entries without issues, for a dry run that finds what the API itself would refuse.
  const clean = <T extends { path: Path }>(entries: T[]) =>
    entries.filter((e) => !issues.some((issue) => formatPath(issue.path).startsWith(formatPath(e.path))));
  return { plan: { queues: clean(queues), topics: clean(topics), streams: clean(streams) }, issues };
}

interface DeclaredQueue {
  path: Path;
  key: Owner & { name: string };
}

function planQueue(entry: QueueEntry, path: Path, key: QueuePlan['key'], declared: DeclaredQueue[], issues: PlanIssue[]): QueuePlan {
  const { RedrivePolicy: rawRedrivePolicy, ...attributes } = entry.attributes ?? {};
  const fields: Record<string, Path> = { QueueName: [...path, 'name'], tags: [...path, 'tags'] };
  for (const name of Object.keys(entry.attributes ?? {})) fields[name] = [...path, 'attributes', name];
  // A .fifo name can only be a FIFO queue's, so `fifo: true` is implied by it.
  const fifo = entry.fifo ?? (key.name.endsWith('.fifo') ? true : undefined);
  if (entry.fifo !== undefined && attributes.FifoQueue !== undefined) {
    issues.push({ path: [...path, 'fifo'], message: 'give fifo or attributes.FifoQueue, not both' });
  } else if (fifo === true) {
    attributes.FifoQueue = 'true';
    if (entry.fifo !== undefined) fields.FifoQueue = [...path, 'fifo'];
  }
  let redrivePolicy = rawRedrivePolicy;
  if (entry.deadLetter) {
    const at = [...path, 'deadLetter'];
    fields.RedrivePolicy = at;
    if (rawRedrivePolicy !== undefined) issues.push({ path: at, message: 'give deadLetter or attributes.RedrivePolicy, not both' });
    const { queue, arn, maxReceiveCount } = entry.deadLetter;
    if ((queue === undefined) === (arn === undefined)) {
      issues.push({ path: at, message: 'needs either queue (the name of a queue in this file) or arn' });
    } else if (queue !== undefined) {
      // AWS requires the dead-letter queue in the source queue's account and region.
      const target = declared.find((q) => q.key.name === queue && q.key.accountId === key.accountId && q.key.region === key.region);
      if (!target) {
        issues.push({
          path: [...at, 'queue'],
          message: `no queue named ${queue} in this file in account ${key.accountId} and region ${key.region} (a dead-letter queue must be in its source's account and region; name another by deadLetter.arn)`,
        });
      } else {
        redrivePolicy = JSON.stringify({ deadLetterTargetArn: queueArnOf(target.key), maxReceiveCount });
      }
    } else {
      redrivePolicy = JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount });
    }
  }
  return { path, fields, key, attributes, ...(redrivePolicy !== undefined ? { redrivePolicy } : {}), tags: entry.tags ?? {} };
}

function planTopic(entry: TopicEntry, path: Path, owner: Owner, declared: DeclaredQueue[], issues: PlanIssue[]): TopicPlan {
  const attributes = { ...entry.attributes };
  const fields: Record<string, Path> = { Name: [...path, 'name'], Tags: [...path, 'tags'] };
  for (const name of Object.keys(attributes)) fields[name] = [...path, 'attributes', name];
  const fifo = entry.fifo ?? (entry.name.endsWith('.fifo') ? true : undefined);
  if (entry.fifo !== undefined && attributes.FifoTopic !== undefined) {
    issues.push({ path: [...path, 'fifo'], message: 'give fifo or attributes.FifoTopic, not both' });
  } else if (fifo === true) {
    attributes.FifoTopic = 'true';
    if (entry.fifo !== undefined) fields.FifoTopic = [...path, 'fifo'];
  }
  const subscriptions = (entry.subscriptions ?? []).flatMap((sub, i) => planSubscription(sub, [...path, 'subscriptions', i], owner, declared, issues) ?? []);
  return { path, fields, owner, name: entry.name, attributes, tags: entry.tags ?? {}, subscriptions };
}

/** Friendly subscription keys and the AWS attributes they set. */
const FRIENDLY_SUBSCRIPTION_ATTRIBUTES = [
  ['rawMessageDelivery', 'RawMessageDelivery'],
  ['filterPolicy', 'FilterPolicy'],
  ['filterPolicyScope', 'FilterPolicyScope'],
] as const;

function planSubscription(
  entry: SubscriptionEntry,
  path: Path,
  topicOwner: Owner,
  declared: DeclaredQueue[],
  issues: PlanIssue[],
): SubscriptionPlan | undefined {
  const attributes = { ...entry.attributes };
  const fields: Record<string, Path> = { Protocol: [...path, 'protocol'], Endpoint: [...path, entry.queue !== undefined ? 'queue' : 'endpoint'] };
  for (const name of Object.keys(attributes)) fields[name] = [...path, 'attributes', name];
  for (const [friendly, aws] of FRIENDLY_SUBSCRIPTION_ATTRIBUTES) {
    const given = entry[friendly];
    if (given === undefined) continue;
    if (attributes[aws] !== undefined) issues.push({ path: [...path, friendly], message: `give ${friendly} or attributes.${aws}, not both` });
    attributes[aws] = String(given);
    fields[aws] = [...path, friendly];
  }
  if ((entry.queue === undefined) === (entry.endpoint === undefined)) {
    issues.push({ path, message: 'needs either queue (the name of a queue in this file) or endpoint' });
    return undefined;
  }
  if (entry.endpoint !== undefined) {
    if (entry.protocol === undefined) {
      issues.push({
        path: [...path, 'protocol'],
        message: 'is required with endpoint (sqs, http, https, lambda, email, email-json, sms, application or firehose)',
      });
      return undefined;
    }
    return { path, fields, label: `${entry.protocol}:${entry.endpoint}`, protocol: entry.protocol, endpoint: entry.endpoint, attributes };
  }
  if (entry.protocol !== undefined && entry.protocol !== 'sqs') {
    issues.push({ path: [...path, 'protocol'], message: 'must be sqs with queue (name other endpoints by endpoint)' });
    return undefined;
  }
  const target = subscribedQueue(entry.queue!, topicOwner, declared);
  if (typeof target === 'string') {
    issues.push({ path: [...path, 'queue'], message: target });
    return undefined;
  }
  return { path, fields, label: `sqs:${entry.queue!}`, protocol: 'sqs', endpoint: queueArnOf(target.key), attributes };
}

/** The queue of this name in the topic's account and region, else the only one of that name in the file. */
function subscribedQueue(name: string, topicOwner: Owner, declared: DeclaredQueue[]): DeclaredQueue | string {
  const named = declared.filter((q) => q.key.name === name);
  const local = named.find((q) => q.key.accountId === topicOwner.accountId && q.key.region === topicOwner.region);
  if (local) return local;
  if (named.length === 1) return named[0]!;
  if (named.length === 0) return `no queue named ${name} in this file (name a queue declared elsewhere by endpoint: <its ARN>)`;
  return `more than one queue named ${name} in this file, none in the topic's account and region (name one by endpoint: <its ARN>)`;
}

function planStream(entry: StreamEntry, path: Path, owner: Owner, issues: PlanIssue[]): StreamPlan {
  const fields: Record<string, Path> = {
    StreamName: [...path, 'name'],
    ShardCount: [...path, 'shards'],
    StreamMode: [...path, 'mode'],
    Tags: [...path, 'tags'],
  };
  let capacity: StreamCapacity = { mode: 'ON_DEMAND' };
  if (entry.mode === 'ON_DEMAND') {
    if (entry.shards !== undefined) issues.push({ path: [...path, 'shards'], message: 'is for PROVISIONED streams (an ON_DEMAND stream scales itself)' });
  } else if (entry.shards === undefined) {
    issues.push({ path: [...path, 'shards'], message: 'is required for a PROVISIONED stream (or set mode: ON_DEMAND)' });
  } else {
    capacity = { mode: 'PROVISIONED', shards: entry.shards };
  }
  const consumers = (entry.consumers ?? []).map((name, i) => ({ name, path: [...path, 'consumers', i] as Path }));
  consumers.forEach((c, i) => {
    if (consumers.findIndex((other) => other.name === c.name) < i) issues.push({ path: c.path, message: `consumer ${c.name} is listed twice` });
  });
  return {
    path,
    fields,
    key: { ...owner, name: entry.name },
    capacity,
    ...(entry.retentionHours !== undefined ? { retentionHours: entry.retentionHours } : {}),
    consumers,
    tags: entry.tags ?? {},
  };
}

function flagDuplicates(kind: string, entries: { id: string; name: string; path: Path }[], issues: PlanIssue[]): void {
  entries.forEach((e, i) => {
    const first = entries.findIndex((other) => other.id === e.id);
    if (first < i) issues.push({ path: [...e.path, 'name'], message: `${kind} ${e.name} is declared twice (also at ${formatPath(entries[first]!.path)})` });
  });
}

/** `queues[2].attributes.VisibilityTimeout` */
export function formatPath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
