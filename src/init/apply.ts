import type { Clock } from '../clock.js';
import type { ServiceDefinition } from '../protocol/service.js';
import { applyQueues, type Outcome } from './apply-queues.js';
import { applyStreams } from './apply-streams.js';
import { applyTopics } from './apply-topics.js';
import { initContext, type InitLogger } from './invoker.js';
import { InitFileError, type LoadedInitFile } from './load.js';

export interface InitSummary {
  queues: Outcome[];
  topics: Outcome[];
  subscriptions: Outcome[];
  streams: Outcome[];
  consumers: Outcome[];
}

export interface ApplyOptions {
  /** The emulator's services (their models, errors and operation handlers). */
  services: readonly ServiceDefinition[];
  clock: Clock;
  logger: InitLogger;
  /** `http://host:port` of this server, for queue URLs. */
  baseUrl: string;
}

/**
 * Creates what the file declares, through the same operations a client would call, so it is
 * checked as the API checks it. Idempotent: what exists already is brought to the file's
 * attributes and tags (as Set…Attributes and Tag… calls would), and nothing is removed.
 * Queues go first (subscriptions need them), then topics, then streams.
 */
export async function applyInitFile(loaded: LoadedInitFile, options: ApplyOptions): Promise<InitSummary> {
  const init = initContext(options.services, loaded.where, options);
  const queues = await applyQueues(init, loaded.plan.queues);
  const { topics, subscriptions } = await applyTopics(init, loaded.plan.topics);
  const { streams, consumers } = await applyStreams(init, loaded.plan.streams);
  if (init.problems.length > 0) throw new InitFileError(init.problems);
  const summary = { queues, topics, subscriptions, streams, consumers };
  options.logger.info({ file: loaded.file, ...tally(summary) }, summaryLine(loaded.file, summary));
  return summary;
}

/** `init: 3 queues, 1 topic (2 subscriptions), 1 stream (1 consumer) from ./wharf.yaml: 6 created, 1 updated, 1 unchanged` */
export function summaryLine(file: string, summary: InitSummary): string {
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const within = (n: number, noun: string) => (n > 0 ? ` (${count(n, noun)})` : '');
  const { created, updated, unchanged } = tally(summary);
  return (
    `init: ${count(summary.queues.length, 'queue')}, ${count(summary.topics.length, 'topic')}${within(summary.subscriptions.length, 'subscription')}, ` +
    `${count(summary.streams.length, 'stream')}${within(summary.consumers.length, 'consumer')} from ${file}: ${created} created, ${updated} updated, ${unchanged} unchanged`
  );
}

function tally(summary: InitSummary): Record<Outcome, number> {
  const all = Object.values(summary).flat() as Outcome[];
  return {
    created: all.filter((o) => o === 'created').length,
    updated: all.filter((o) => o === 'updated').length,
    unchanged: all.filter((o) => o === 'unchanged').length,
  };
}
