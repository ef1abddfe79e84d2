import { logOutcome, type Outcome } from './apply-queues.js';
import { changedTags } from './attribute-diff.js';
import type { CallSite, InitContext } from './invoker.js';
import { InitFileError } from './load.js';
import type { StreamPlan } from './plan.js';

/** How often init looks again at a stream or consumer that is CREATING or UPDATING (on wharf's clock). */
const POLL_MS = 20;

interface StreamSummary {
  StreamARN: string;
  StreamStatus: string;
  StreamModeDetails?: { StreamMode: string };
  RetentionPeriodHours: number;
  OpenShardCount: number;
}

/**
 * Creates each stream and its consumers, or brings an existing one to the file's capacity
 * (UpdateStreamMode, UpdateShardCount), retention and tags. Streams are applied side by side and
 * each is waited for, on wharf's clock, until it and its consumers are ACTIVE, so a
 * WHARF_KINESIS_CREATE_DELAY_MS does not make a declared stream unusable when wharf starts.
 */
export async function applyStreams(init: InitContext, streams: readonly StreamPlan[]): Promise<{ streams: Outcome[]; consumers: Outcome[] }> {
  // Side by side; a refused stream's problem is kept (in file order) and the others carry on.
  const settled = await Promise.allSettled(streams.map((stream) => ensureStream(init, stream)));
  const unexpected = settled.find((s) => s.status === 'rejected' && !(s.reason instanceof InitFileError));
  if (unexpected) throw (unexpected as PromiseRejectedResult).reason;
  for (const s of settled) if (s.status === 'rejected') init.problems.push(...(s.reason as InitFileError).problems);
  const results = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  return { streams: results.map((r) => r.stream), consumers: results.flatMap((r) => r.consumers) };
}

async function ensureStream(init: InitContext, stream: StreamPlan): Promise<{ stream: Outcome; consumers: Outcome[] }> {
  const at: CallSite = { owner: stream.key, path: stream.path, fields: stream.fields };
  const { name } = stream.key;
  const changes: string[] = [];
  let summary = await summaryOf(init, stream, at);
  if (summary?.StreamStatus === 'DELETING') {
    // Deleted just before a restart: gone once its delete delay ends, then created anew.
    await until(init, async () => !(await summaryOf(init, stream, at)));
    summary = undefined;
  }
  const created = !summary;
  if (!summary) {
    const capacity = stream.capacity.mode === 'PROVISIONED' ? { ShardCount: stream.capacity.shards } : {};
    const tags = Object.keys(stream.tags).length > 0 ? { Tags: stream.tags } : {};
    await init.call('kinesis', 'CreateStream', { StreamName: name, ...capacity, StreamModeDetails: { StreamMode: stream.capacity.mode }, ...tags }, at);
    summary = await untilActive(init, stream, at);
  } else {
    summary = await untilActive(init, stream, at);
    if ((summary.StreamModeDetails?.StreamMode ?? 'PROVISIONED') !== stream.capacity.mode) {
      await init.call(
        'kinesis',
        'UpdateStreamMode',
        { StreamARN: summary.StreamARN, StreamModeDetails: { StreamMode: stream.capacity.mode } },
        { ...at, path: [...stream.path, 'mode'] },
      );
      changes.push('mode');
      summary = await untilActive(init, stream, at);
    }
    if (stream.capacity.mode === 'PROVISIONED' && summary.OpenShardCount !== stream.capacity.shards) {
      const input = { StreamName: name, TargetShardCount: stream.capacity.shards, ScalingType: 'UNIFORM_SCALING' };
      await init.call('kinesis', 'UpdateShardCount', input, { ...at, path: [...stream.path, 'shards'] });
      changes.push('shards');
      summary = await untilActive(init, stream, at);
    }
    const { Tags: current = [] } = await init.call<{ Tags?: { Key: string; Value: string }[] }>('kinesis', 'ListTagsForStream', { StreamName: name }, at);
    const tags = changedTags(Object.fromEntries(current.map((t) => [t.Key, t.Value])), stream.tags);
    if (Object.keys(tags).length > 0) {
      await init.call('kinesis', 'AddTagsToStream', { StreamName: name, Tags: tags }, { ...at, path: [...stream.path, 'tags'] });
      changes.push('tags');
    }
  }
  const hours = stream.retentionHours;
  if (hours !== undefined && hours !== summary.RetentionPeriodHours) {
    const operation = hours > summary.RetentionPeriodHours ? 'IncreaseStreamRetentionPeriod' : 'DecreaseStreamRetentionPeriod';
    await init.call('kinesis', operation, { StreamName: name, RetentionPeriodHours: hours }, { ...at, path: [...stream.path, 'retentionHours'] });
    if (!created) changes.push('retentionHours');
  }
  const outcome: Outcome = created ? 'created' : changes.length > 0 ? 'updated' : 'unchanged';
  logOutcome(init, 'stream', name, summary.StreamARN, { outcome, changes });
  return { stream: outcome, consumers: await ensureConsumers(init, stream, summary.StreamARN) };
}

async function ensureConsumers(init: InitContext, stream: StreamPlan, streamArn: string): Promise<Outcome[]> {
  if (stream.consumers.length === 0) return [];
  const at: CallSite = { owner: stream.key, path: stream.path };
  const existing = new Set<string>();
  let NextToken: string | undefined;
  do {
    const page = await init.call<{ Consumers?: { ConsumerName: string }[]; NextToken?: string }>(
      'kinesis',
      'ListStreamConsumers',
      { StreamARN: streamArn, ...(NextToken ? { NextToken } : {}) },
      at,
    );
    for (const c of page.Consumers ?? []) existing.add(c.ConsumerName);
    NextToken = page.NextToken;
  } while (NextToken);
  const outcomes: Outcome[] = [];
  for (const consumer of stream.consumers) {
    const site = { ...at, path: consumer.path };
    if (existing.has(consumer.name)) {
      outcomes.push('unchanged');
      continue;
    }
    const { Consumer } = await init.call<{ Consumer: { ConsumerARN: string } }>(
      'kinesis',
      'RegisterStreamConsumer',
      { StreamARN: streamArn, ConsumerName: consumer.name },
      site,
    );
    logOutcome(init, 'consumer', `${stream.key.name}/${consumer.name}`, Consumer.ConsumerARN, { outcome: 'created' });
    outcomes.push('created');
  }
  for (const consumer of stream.consumers) {
    const site = { ...at, path: consumer.path };
    await until(init, async () => {
      const { ConsumerDescription } = await init.call<{ ConsumerDescription: { ConsumerStatus: string } }>(
        'kinesis',
        'DescribeStreamConsumer',
        { StreamARN: streamArn, ConsumerName: consumer.name },
        site,
      );
      return ConsumerDescription.ConsumerStatus === 'ACTIVE';
    });
  }
  return outcomes;
}

function summaryOf(init: InitContext, stream: StreamPlan, at: CallSite): Promise<StreamSummary | undefined> {
  return init
    .find<{ StreamDescriptionSummary: StreamSummary }>('kinesis', 'DescribeStreamSummary', { StreamName: stream.key.name }, at, 'ResourceNotFoundException')
    .then((found) => found?.StreamDescriptionSummary);
}

/** The stream once it is ACTIVE (CREATING and UPDATING end on the clock; control-plane changes need ACTIVE). */
async function untilActive(init: InitContext, stream: StreamPlan, at: CallSite): Promise<StreamSummary> {
  let summary: StreamSummary | undefined;
  await until(init, async () => {
    summary = await summaryOf(init, stream, at);
    // Nothing else runs before wharf listens, so the stream cannot vanish while init waits.
    if (!summary) throw new Error(`stream ${stream.key.name} disappeared while init waited for it`);
    return summary.StreamStatus === 'ACTIVE';
  });
  return summary!;
}

async function until(init: InitContext, done: () => Promise<boolean>): Promise<void> {
  while (!(await done())) await init.clock.sleep(POLL_MS);
}
