import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../clock.js';
import { transactionRunner, type InTransaction } from '../../../store/transaction.js';
import type { KinesisEventSourcePort } from '../../kinesis/engine/event-source.js';
import type { SqsEventSourcePort } from '../../sqs/engine/event-source.js';
import { lambdaErrors } from '../errors.js';
import type { LambdaStore, MappingRow } from '../store/lambda-store.js';
import type { FunctionRegistry } from './functions.js';
import { InvocationLog, type InvocationRecord } from './invocation-log.js';
import { MappingPollers } from './pollers.js';
import { settingsForCreate, settingsForUpdate, type RequestedSettings } from './mapping-settings.js';
import { functionArnOf, functionNameOf, sourceKindOf, type Mapping, type MappingSettings, type MappingView, type SourceKind } from './types.js';

export interface Owner {
  accountId: string;
  region: string;
}

/** The event sources a mapping reads, through the ports SQS and Kinesis own. */
export interface EventSources {
  sqs: SqsEventSourcePort;
  kinesis: KinesisEventSourcePort;
}

export interface CreateMappingRequest extends RequestedSettings {
  EventSourceArn?: string;
  FunctionName: string;
  Enabled?: boolean;
  Tags?: Record<string, string>;
}

export interface UpdateMappingRequest extends RequestedSettings {
  FunctionName?: string;
  Enabled?: boolean;
}

/** Told when a mapping is created, changed or deleted, so its pollers start, restart or stop. */
export type MappingListener = (uuid: string) => void;

/**
 * Lambda event source mappings: their settings, states and tags. Each method is one SQLite
 * transaction. A mapping's transitional states (Creating, Updating, Enabling, Disabling,
 * Deleting) are what the call that starts them answers; wharf settles them at once, so the next
 * read shows Enabled or Disabled (AWS takes seconds; a test should not have to wait for them).
 */
export class LambdaEngine {
  private readonly inTransaction: InTransaction;
  private readonly listeners: MappingListener[] = [];
  private readonly log = new InvocationLog();
  private readonly pollers: MappingPollers;

  constructor(
    private readonly store: LambdaStore,
    private readonly clock: Clock,
    private readonly sources: EventSources,
    readonly functions: FunctionRegistry,
    onPollerError: (uuid: string, err: unknown) => void = () => {},
  ) {
    this.inTransaction = transactionRunner(store.db);
    this.pollers = new MappingPollers({ clock, functions, sources, log: this.log, onPollerError, engine: this });
  }

  /** Starts the pollers of every enabled mapping (those a data directory kept, at start-up). */
  startPolling(): void {
    for (const mapping of this.allMappings()) this.pollers.sync(mapping.uuid, mapping);
  }

  /** Stops every poller (reset, shutdown); a batch being processed finishes. */
  stopPolling(): void {
    this.pollers.stopAll();
  }

  /** Forgets the invocation history (reset). */
  clearInvocations(): void {
    this.log.clear();
  }

  /** Resolves once the mapping has invoked its function (or filtered a batch) `count` times in all. */
  invocationsReached(uuid: string, count: number): Promise<void> {
    return this.log.waitFor(uuid, count);
  }

  /** The mapping's recent invocations, oldest first. */
  invocations(uuid: string): readonly InvocationRecord[] {
    return this.log.of(uuid);
  }

  onMappingChange(listener: MappingListener): void {
    this.listeners.push(listener);
  }

  createMapping(owner: Owner, request: CreateMappingRequest): MappingView {
    const arn = request.EventSourceArn;
    if (!arn) throw lambdaErrors.unrecognizedSource();
    const source = sourceKindOf(arn);
    if (!source) throw lambdaErrors.unsupportedSource(arn);
    const fifo = this.checkSourceExists(source, arn);
    const settings = settingsForCreate(source, fifo, request);
    const functionArn = functionArnOf(request.FunctionName, owner.accountId, owner.region);
    const uuid = randomUUID();
    const enabled = request.Enabled ?? true;
    this.inTransaction(() => {
      const existing = this.store.mappingOfSourceAndFunction.get(arn, functionArn);
      if (existing) {
        const name = functionNameOf(functionArn);
        throw source === 'sqs' ? lambdaErrors.sqsMappingExists(arn, name, existing.uuid) : lambdaErrors.streamMappingExists(arn, name, existing.uuid);
      }
      this.store.insertMapping.run(
        uuid,
        owner.accountId,
        owner.region,
        functionArn,
        arn,
        JSON.stringify(settings),
        enabled ? 1 : 0,
        this.clock.now(),
        JSON.stringify(request.Tags ?? {}),
      );
    });
    this.changed(uuid);
    return { mapping: this.requireMapping(owner, uuid), state: 'Creating' };
  }

  getMapping(owner: Owner, uuid: string): MappingView {
    const mapping = this.requireMapping(owner, uuid);
    return { mapping, state: mapping.enabled ? 'Enabled' : 'Disabled' };
  }

  updateMapping(owner: Owner, uuid: string, request: UpdateMappingRequest): MappingView {
    const before = this.requireMapping(owner, uuid);
    const fifo = this.checkSourceExists(before.source, before.eventSourceArn, true);
    const settings = settingsForUpdate(before.source, fifo, before.settings, request);
    const functionArn = request.FunctionName ? functionArnOf(request.FunctionName, owner.accountId, owner.region) : before.functionArn;
    const enabled = request.Enabled ?? before.enabled;
    this.inTransaction(() => this.store.updateMapping.run(functionArn, JSON.stringify(settings), enabled ? 1 : 0, this.clock.now(), uuid));
    this.changed(uuid);
    const state = enabled === before.enabled ? 'Updating' : enabled ? 'Enabling' : 'Disabling';
    return { mapping: this.requireMapping(owner, uuid), state };
  }

  deleteMapping(owner: Owner, uuid: string): MappingView {
    const mapping = this.requireMapping(owner, uuid);
    this.inTransaction(() => this.store.deleteMapping.run(uuid));
    this.changed(uuid);
    return { mapping, state: 'Deleting' };
  }

  listMappings(owner: Owner, filter: { eventSourceArn?: string; functionName?: string }): MappingView[] {
    const functionArn = filter.functionName ? functionArnOf(filter.functionName, owner.accountId, owner.region) : undefined;
    return this.store.mappingsOfOwner
      .all(owner.accountId, owner.region)
      .map(toMapping)
      .filter((m) => (!filter.eventSourceArn || m.eventSourceArn === filter.eventSourceArn) && (!functionArn || sameFunction(m.functionArn, functionArn)))
      .map((mapping) => ({ mapping, state: mapping.enabled ? 'Enabled' : 'Disabled' }));
  }

  tagsOf(owner: Owner, uuid: string): Record<string, string> {
    return this.requireMapping(owner, uuid).tags;
  }

  tag(owner: Owner, uuid: string, tags: Record<string, string>): void {
    this.inTransaction(() => {
      const mapping = this.requireMapping(owner, uuid);
      this.store.setTags.run(JSON.stringify({ ...mapping.tags, ...tags }), uuid);
    });
  }

  untag(owner: Owner, uuid: string, keys: readonly string[]): void {
    this.inTransaction(() => {
      const tags = { ...this.requireMapping(owner, uuid).tags };
      for (const key of keys) delete tags[key];
      this.store.setTags.run(JSON.stringify(tags), uuid);
    });
  }

  /** Any mapping by UUID, whatever its account (for the pollers). */
  mapping(uuid: string): Mapping | undefined {
    const row = this.store.mappingByUuid.get(uuid);
    return row ? toMapping(row) : undefined;
  }

  allMappings(): Mapping[] {
    return this.store.allMappings.all().map(toMapping);
  }

  setLastProcessingResult(uuid: string, result: string): void {
    this.store.setLastProcessingResult.run(result, uuid);
  }

  /** A Kinesis mapping's checkpoint in a shard: the last sequence number processed, and whether the shard is done. */
  checkpoint(uuid: string, shardId: string): { sequenceNumber?: string; finished: boolean } | undefined {
    const row = this.store.checkpointOf.get(uuid, shardId);
    return row ? { ...(row.sequence_number !== null ? { sequenceNumber: row.sequence_number } : {}), finished: row.finished === 1 } : undefined;
  }

  saveCheckpoint(uuid: string, shardId: string, sequenceNumber: string | undefined, finished: boolean): void {
    this.store.upsertCheckpoint.run({ uuid, shard_id: shardId, sequence_number: sequenceNumber ?? null, finished: finished ? 1 : 0 });
  }

  private requireMapping(owner: Owner, uuid: string): Mapping {
    const row = this.store.mappingByUuid.get(uuid);
    if (!row || row.account_id !== owner.accountId || row.region !== owner.region) throw lambdaErrors.mappingNotFound();
    return toMapping(row);
  }

  /** Whether the source exists (and, for a queue, whether it is FIFO); a missing source is refused on create. */
  private checkSourceExists(source: SourceKind, arn: string, tolerateMissing = false): boolean {
    if (source === 'sqs') {
      const queue = this.sources.sqs.queueByArn(arn);
      if (!queue && !tolerateMissing) throw lambdaErrors.queueNotFound();
      return queue?.fifo ?? arn.endsWith('.fifo');
    }
    if (!tolerateMissing && !this.sources.kinesis.streamExists(arn)) throw lambdaErrors.streamNotFound(arn);
    return false;
  }

  private changed(uuid: string): void {
    this.pollers.sync(uuid, this.mapping(uuid));
    for (const listener of this.listeners) listener(uuid);
  }
}

function toMapping(row: MappingRow): Mapping {
  const lastProcessingResult = row.last_processing_result ?? undefined;
  return {
    uuid: row.uuid,
    accountId: row.account_id,
    region: row.region,
    functionArn: row.function_arn,
    eventSourceArn: row.event_source_arn,
    source: sourceKindOf(row.event_source_arn)!,
    settings: JSON.parse(row.settings_json) as MappingSettings,
    enabled: row.enabled === 1,
    ...(lastProcessingResult !== undefined ? { lastProcessingResult } : {}),
    lastModifiedMs: row.last_modified_ms,
    tags: JSON.parse(row.tags_json) as Record<string, string>,
  };
}

/** A filter by function name matches the function whatever the qualifier the mapping names. */
function sameFunction(mappingArn: string, wanted: string): boolean {
  return mappingArn === wanted || mappingArn.replace(/^(.*:function:[^:]+):[^:]+$/, '$1') === wanted;
}
