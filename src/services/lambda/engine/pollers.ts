import type { Clock } from '../../../clock.js';
import { compileFilters } from './filters.js';
import type { FunctionRegistry } from './functions.js';
import type { InvocationLog } from './invocation-log.js';
import { runSqsPoller } from './sqs-poller.js';
import type { Mapping } from './types.js';
import { runKinesisPoller } from './kinesis-poller.js';
import type { EventSources, LambdaEngine } from './lambda-engine.js';

/**
 * How many pollers (so concurrent invocations) a mapping may scale to without
 * ScalingConfig.MaximumConcurrency. AWS scales much further (to the function's concurrency);
 * in one test process, ten is plenty and keeps a runaway backlog from flooding the handler.
 */
const DEFAULT_MAX_SQS_POLLERS = 10;

export interface PollerParts {
  clock: Clock;
  functions: FunctionRegistry;
  sources: EventSources;
  log: InvocationLog;
  /** Checkpoints and LastProcessingResult of stream mappings. */
  engine: Pick<LambdaEngine, 'checkpoint' | 'saveCheckpoint' | 'setLastProcessingResult'>;
  /** Where a poller's unexpected failure is reported (it then stops). */
  onPollerError(uuid: string, err: unknown): void;
}

/** Runs each enabled mapping's pollers; a change to a mapping restarts them with its new settings. */
export class MappingPollers {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly parts: PollerParts) {}

  /** Starts or stops a mapping's pollers to match it (undefined: it was deleted). */
  sync(uuid: string, mapping: Mapping | undefined): void {
    this.running.get(uuid)?.abort();
    this.running.delete(uuid);
    if (!mapping?.enabled) return;
    const controller = new AbortController();
    this.running.set(uuid, controller);
    const filter = compileFilters(mapping.settings.FilterCriteria);
    if (mapping.source === 'kinesis') {
      const { engine } = this.parts;
      runKinesisPoller(
        mapping,
        filter,
        {
          clock: this.parts.clock,
          functions: this.parts.functions,
          kinesis: this.parts.sources.kinesis,
          sqs: this.parts.sources.sqs,
          log: this.parts.log,
          checkpoint: (shardId) => engine.checkpoint(uuid, shardId),
          saveCheckpoint: (shardId, sequenceNumber, finished) => engine.saveCheckpoint(uuid, shardId, sequenceNumber, finished),
          setLastProcessingResult: (result) => engine.setLastProcessingResult(uuid, result),
        },
        controller.signal,
      ).catch((err: unknown) => this.parts.onPollerError(uuid, err));
    }
    if (mapping.source === 'sqs') {
      const maxPollers = mapping.settings.ScalingConfig?.MaximumConcurrency ?? DEFAULT_MAX_SQS_POLLERS;
      const sqsParts = { clock: this.parts.clock, functions: this.parts.functions, sqs: this.parts.sources.sqs, log: this.parts.log };
      // One poller to start with; each full batch (a backlog) adds one, up to the maximum; each
      // empty long poll retires one, down to one. A trickle of messages is one batch at a time.
      let running = 0;
      const start = () => {
        running++;
        runSqsPoller(mapping, filter, sqsParts, scaling, controller.signal).catch((err: unknown) => this.parts.onPollerError(uuid, err));
      };
      const scaling = {
        backlog: () => {
          if (running < maxPollers && !controller.signal.aborted) start();
        },
        idle: () => {
          if (running <= 1) return false;
          running--;
          return true;
        },
      };
      start();
    }
  }

  stopAll(): void {
    for (const controller of this.running.values()) controller.abort();
    this.running.clear();
  }
}
