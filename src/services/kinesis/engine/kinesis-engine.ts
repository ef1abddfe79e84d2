import { streamArnOf } from '../../../arn.js';
import type { Clock } from '../../../clock.js';
import { kinesisErrors } from '../errors.js';
import * as limits from '../limits.js';
import type { KinesisStore, StreamRow } from '../store/kinesis-store.js';
import { Consumers } from './consumers.js';
import { splitEvenly } from './hash-key.js';
import { KinesisInspection } from './inspection.js';
import { RecordLog } from './record-log.js';
import { Resharding } from './resharding.js';
import { StreamAccess } from './stream-access.js';
import {
  DEFAULT_KINESIS_OPTIONS,
  type EncryptionType,
  type KinesisOptions,
  type ShardLevelMetric,
  type StreamKey,
  type StreamMode,
  type StreamView,
} from './types.js';

export interface NewStreamSettings {
  shardCount: number;
  mode: StreamMode;
  tags: Record<string, string>;
  maxRecordSizeKiB?: number;
  warmThroughputMiBps?: number;
}

/**
 * Kinesis Data Streams: the control plane of streams here; records, resharding and consumers in
 * their own parts. Every public method is synchronous and one SQLite transaction.
 */
export class KinesisEngine {
  readonly access: StreamAccess;
  readonly records: RecordLog;
  readonly resharding: Resharding;
  readonly consumers: Consumers;
  /** Read-only views for /_wharf/kinesis and the dashboard. */
  readonly inspection: KinesisInspection;

  constructor(store: KinesisStore, clock: Clock, options: Partial<KinesisOptions> = {}) {
    this.access = new StreamAccess(store, clock, { ...DEFAULT_KINESIS_OPTIONS, ...options });
    this.records = new RecordLog(this.access);
    this.resharding = new Resharding(this.access);
    this.consumers = new Consumers(this.access);
    this.inspection = new KinesisInspection(this.access, this.records, this.consumers);
  }

  private get store(): KinesisStore {
    return this.access.store;
  }

  private get now(): number {
    return this.access.clock.now();
  }

  createStream(key: StreamKey, settings: NewStreamSettings): void {
    const { options } = this.access;
    this.access.inTransaction(() => {
      const existing = this.store.findStream(key.accountId, key.region, key.name);
      if (existing && this.access.statusOf(existing) !== 'GONE') throw kinesisErrors.streamExists(key.name, key.accountId);
      if (existing) this.store.deleteStream(existing.stream_id);
      this.access.checkShardLimit(key, settings.shardCount);
      const now = this.now;
      const row = this.store.insertStream({
        account_id: key.accountId,
        region: key.region,
        name: key.name,
        status: options.createDelayMs > 0 ? 'CREATING' : 'ACTIVE',
        status_until_ms: now + options.createDelayMs,
        created_at_ms: now,
        retention_hours: limits.DEFAULT_RETENTION_HOURS,
        stream_mode: settings.mode,
        mode_changed_at_ms: null,
        encryption_type: 'NONE',
        key_id: null,
        shard_level_metrics_json: '[]',
        tags_json: JSON.stringify(settings.tags),
        max_record_size_kib: settings.maxRecordSizeKiB ?? limits.DEFAULT_MAX_RECORD_SIZE_KIB,
        warm_throughput_mibps: settings.warmThroughputMiBps ?? null,
        next_shard_index: settings.shardCount,
      });
      splitEvenly(settings.shardCount).forEach((range, i) => {
        this.store.insertShard({
          stream_id: row.stream_id,
          shard_index: i,
          parent_shard_index: null,
          adjacent_parent_shard_index: null,
          starting_hash_key: range.startingHashKey,
          ending_hash_key: range.endingHashKey,
          created_at_ms: now,
        });
      });
    });
  }

  deleteStream(key: StreamKey, enforceConsumerDeletion: boolean): void {
    this.access.inTransaction(() => {
      const row = this.access.require(key);
      const status = this.access.statusOf(row);
      if (status === 'DELETING') throw kinesisErrors.streamNotFound(key.name, key.accountId);
      if (!enforceConsumerDeletion && this.store.consumersOf(row.stream_id).length > 0) {
        // Unverified against AWS: the exact wording.
        throw kinesisErrors.resourceInUse(
          `Stream ${key.name} under account ${key.accountId} has registered consumers. Set EnforceConsumerDeletion to delete them with the stream.`,
        );
      }
      this.store.deletePoliciesUnder(key.accountId, key.region, streamArnOf(key));
      const delay = this.access.options.deleteDelayMs;
      if (delay <= 0) {
        this.store.deleteStream(row.stream_id);
        return;
      }
      row.status = 'DELETING';
      row.status_until_ms = this.now + delay;
      this.store.saveStream(row);
    });
  }

  describeStream(key: StreamKey): StreamView {
    return this.access.inTransaction(() => this.access.view(this.access.require(key)));
  }

  /** Streams in name order after `exclusiveStartName`; one more than `limit` tells the caller there are more. */
  listStreams(accountId: string, region: string, exclusiveStartName: string, limit: number): StreamView[] {
    return this.access.inTransaction(() =>
      this.store
        .listStreams(accountId, region, exclusiveStartName, limit + 1)
        .filter((row) => this.access.statusOf(row) !== 'GONE')
        .map((row) => this.access.view(row)),
    );
  }

  setRetention(key: StreamKey, hours: number, direction: 'increase' | 'decrease'): void {
    this.update(key, (row) => {
      if (hours < limits.MIN_RETENTION_HOURS) {
        throw kinesisErrors.invalidArgument(
          `Minimum allowed retention period is ${limits.MIN_RETENTION_HOURS} hours. Requested retention period (${hours} hours) is too short.`,
        );
      }
      if (hours > limits.MAX_RETENTION_HOURS) {
        throw kinesisErrors.invalidArgument(
          `Maximum allowed retention period is ${limits.MAX_RETENTION_HOURS} hours. Requested retention period (${hours} hours) is too long.`,
        );
      }
      if (direction === 'increase' && hours < row.retention_hours) {
        throw kinesisErrors.invalidArgument(
          `Requested retention period (${hours} hours) for stream ${key.name} can not be shorter than existing retention period (${row.retention_hours} hours). Use DecreaseRetentionPeriod API.`,
        );
      }
      if (direction === 'decrease' && hours > row.retention_hours) {
        throw kinesisErrors.invalidArgument(
          `Requested retention period (${hours} hours) for stream ${key.name} can not be longer than existing retention period (${row.retention_hours} hours). Use IncreaseRetentionPeriod API.`,
        );
      }
      row.retention_hours = hours;
    });
  }

  setEncryption(key: StreamKey, encryptionType: EncryptionType, keyId: string | undefined): void {
    this.update(key, (row) => {
      row.encryption_type = encryptionType;
      row.key_id = encryptionType === 'NONE' ? null : (keyId ?? null);
      this.access.markUpdating(row);
    });
  }

  /** Returns the metrics before and after, as Enable/DisableEnhancedMonitoring report them. */
  setShardLevelMetrics(
    key: StreamKey,
    metrics: ShardLevelMetric[],
    enable: boolean,
  ): { current: ShardLevelMetric[]; desired: ShardLevelMetric[]; view: StreamView } {
    let current: ShardLevelMetric[] = [];
    let desired: ShardLevelMetric[] = [];
    const view = this.update(key, (row) => {
      current = JSON.parse(row.shard_level_metrics_json) as ShardLevelMetric[];
      const all: ShardLevelMetric[] = [
        'IncomingBytes',
        'IncomingRecords',
        'OutgoingBytes',
        'OutgoingRecords',
        'WriteProvisionedThroughputExceeded',
        'ReadProvisionedThroughputExceeded',
        'IteratorAgeMilliseconds',
      ];
      const asked = metrics.includes('ALL') ? all : metrics;
      desired = enable ? all.filter((m) => current.includes(m) || asked.includes(m)) : current.filter((m) => !asked.includes(m));
      row.shard_level_metrics_json = JSON.stringify(desired);
    });
    return { current, desired, view };
  }

  addTags(key: StreamKey, tags: Record<string, string>): void {
    this.updateAnyState(key, (row) => {
      checkTagCharacters(key, tags);
      const merged = { ...(JSON.parse(row.tags_json) as Record<string, string>), ...tags };
      if (Object.keys(merged).length > limits.MAX_TAGS_PER_STREAM) {
        throw kinesisErrors.invalidArgument(
          `Failed to add tags to stream ${key.name} under account ${key.accountId} because a given stream cannot have more than ${limits.MAX_TAGS_PER_STREAM} tags associated with it.`,
        );
      }
      row.tags_json = JSON.stringify(merged);
    });
  }

  removeTags(key: StreamKey, tagKeys: string[]): void {
    this.updateAnyState(key, (row) => {
      const tags = JSON.parse(row.tags_json) as Record<string, string>;
      for (const k of tagKeys) delete tags[k];
      row.tags_json = JSON.stringify(tags);
    });
  }

  tagsOf(key: StreamKey): Record<string, string> {
    return this.access.inTransaction(() => JSON.parse(this.access.require(key).tags_json) as Record<string, string>);
  }

  updateStreamMode(key: StreamKey, mode: StreamMode, warmThroughputMiBps: number | undefined): void {
    this.update(key, (row) => {
      if (row.stream_mode === mode) {
        // Unverified against AWS: the exact wording.
        throw kinesisErrors.invalidArgument(`Stream ${key.name} under account ${key.accountId} is already in ${mode} mode.`);
      }
      row.stream_mode = mode;
      row.mode_changed_at_ms = this.now;
      if (warmThroughputMiBps !== undefined) row.warm_throughput_mibps = warmThroughputMiBps;
      this.access.markUpdating(row);
    });
  }

  updateMaxRecordSize(key: StreamKey, kib: number): void {
    this.update(key, (row) => {
      row.max_record_size_kib = kib;
    });
  }

  updateWarmThroughput(key: StreamKey, mibps: number): StreamView {
    return this.update(key, (row) => {
      if (row.stream_mode !== 'ON_DEMAND') {
        // Unverified against AWS: the exact wording.
        throw kinesisErrors.invalidArgument(`Warm throughput can only be set on streams in ON_DEMAND mode; stream ${key.name} is PROVISIONED.`);
      }
      row.warm_throughput_mibps = mibps;
    });
  }

  describeLimits(
    accountId: string,
    region: string,
  ): { shardLimit: number; openShardCount: number; onDemandStreamCount: number; onDemandStreamCountLimit: number } {
    return this.access.inTransaction(() => ({
      shardLimit: this.access.options.shardLimit,
      openShardCount: this.store.openShardCount(accountId, region),
      onDemandStreamCount: this.store.streamsOf(accountId, region).filter((r) => r.stream_mode === 'ON_DEMAND' && this.access.statusOf(r) !== 'GONE').length,
      onDemandStreamCountLimit: limits.ON_DEMAND_STREAM_COUNT_LIMIT,
    }));
  }

  accountSettings(accountId: string, region: string): Record<string, unknown> {
    return this.access.inTransaction(() => JSON.parse(this.store.getAccountSettings(accountId, region) ?? '{}') as Record<string, unknown>);
  }

  updateAccountSettings(accountId: string, region: string, settings: Record<string, unknown>): void {
    this.access.inTransaction(() => this.store.putAccountSettings(accountId, region, JSON.stringify(settings)));
  }

  resourcePolicy(accountId: string, region: string, arn: string): string | undefined {
    return this.access.inTransaction(() => this.store.getPolicy(accountId, region, arn));
  }

  putResourcePolicy(accountId: string, region: string, arn: string, policy: string | undefined): void {
    this.access.inTransaction(() => {
      if (policy === undefined) this.store.deletePolicy(accountId, region, arn);
      else this.store.putPolicy(accountId, region, arn, policy);
    });
  }

  /** Applies a change to an ACTIVE stream and saves it; returns the stream as it is after. */
  private update(key: StreamKey, change: (row: StreamRow) => void): StreamView {
    return this.access.inTransaction(() => {
      const row = this.access.requireActive(key);
      change(row);
      this.store.saveStream(row);
      return this.access.view(row);
    });
  }

  /** Tags can change in any state but DELETING. */
  private updateAnyState(key: StreamKey, change: (row: StreamRow) => void): void {
    this.access.inTransaction(() => {
      const row = this.access.require(key);
      change(row);
      this.store.saveStream(row);
    });
  }
}

/**
 * AWS's two tag-character errors, in its order (kinesalite, addTagsToStream.js): characters
 * outside letters, digits, white space and `_ . / = + - % @` first, then `%`, which the first
 * message allows but AWS refuses anyway.
 */
function checkTagCharacters(key: StreamKey, tags: Record<string, string>): void {
  const texts = [...Object.keys(tags), ...Object.values(tags)];
  if (texts.some((text) => /[^\u00C0-\u1FFF\u2C00-\uD7FF\w./\-=+_ @%]/.test(text))) {
    throw kinesisErrors.invalidArgument('Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.');
  }
  if (texts.some((text) => text.includes('%'))) {
    throw kinesisErrors.invalidArgument(
      `Failed to add tags to stream ${key.name} under account ${key.accountId} because some tags contained illegal characters. The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.`,
    );
  }
}
