import { consumerArnOf, streamArnOf } from '../../../arn.js';
import { kinesisErrors } from '../errors.js';
import * as limits from '../limits.js';
import type { ConsumerRow, StreamRow } from '../store/kinesis-store.js';
import type { StreamAccess } from './stream-access.js';
import type { ConsumerView, StreamKey } from './types.js';

/** Enhanced fan-out consumers: registered per stream, CREATING → ACTIVE → DELETING on the clock. */
export class Consumers {
  constructor(private readonly access: StreamAccess) {}

  register(key: StreamKey, name: string, tags: Record<string, string>): ConsumerView {
    const { store, clock, options } = this.access;
    return this.access.inTransaction(() => {
      const row = this.access.require(key);
      const existing = this.live(row, name);
      // Unverified against AWS: the exact wording of both errors.
      if (existing) throw kinesisErrors.resourceInUse(`Consumer ${this.arnOf(row, existing)} under account ${key.accountId} already exists.`);
      if (this.all(row).length >= limits.MAX_CONSUMERS_PER_STREAM) {
        throw kinesisErrors.limitExceeded(
          `Stream ${streamArnOf(key)} under account ${key.accountId} already has ${limits.MAX_CONSUMERS_PER_STREAM} registered consumers.`,
        );
      }
      const stale = store.findConsumer(row.stream_id, name);
      if (stale) store.deleteConsumer(stale.consumer_id);
      const now = clock.now();
      const consumer = store.insertConsumer({
        stream_id: row.stream_id,
        name,
        created_at_ms: now,
        status: options.createDelayMs > 0 ? 'CREATING' : 'ACTIVE',
        status_until_ms: now + options.createDelayMs,
        tags_json: JSON.stringify(tags),
      });
      return this.view(row, consumer);
    });
  }

  describe(key: StreamKey, name: string): ConsumerView {
    return this.access.inTransaction(() => {
      const row = this.access.require(key);
      return this.view(row, this.requireConsumer(row, name));
    });
  }

  list(key: StreamKey): ConsumerView[] {
    return this.access.inTransaction(() => this.viewsOf(this.access.require(key)));
  }

  /** The stream's consumers as they stand now (a read: inspection calls it outside a transaction). */
  viewsOf(row: StreamRow): ConsumerView[] {
    return this.all(row).map((c) => this.view(row, c));
  }

  deregister(key: StreamKey, name: string): void {
    const { store, clock, options } = this.access;
    this.access.inTransaction(() => {
      const row = this.access.require(key);
      const consumer = this.requireConsumer(row, name);
      if (options.deleteDelayMs <= 0) store.deleteConsumer(consumer.consumer_id);
      else store.setConsumerStatus(consumer.consumer_id, 'DELETING', clock.now() + options.deleteDelayMs);
    });
  }

  tagsOf(key: StreamKey, name: string): Record<string, string> {
    return this.access.inTransaction(() => JSON.parse(this.requireConsumer(this.access.require(key), name).tags_json) as Record<string, string>);
  }

  changeTags(key: StreamKey, name: string, change: (tags: Record<string, string>) => Record<string, string>): void {
    this.access.inTransaction(() => {
      const consumer = this.requireConsumer(this.access.require(key), name);
      this.access.store.setConsumerTags(consumer.consumer_id, JSON.stringify(change(JSON.parse(consumer.tags_json) as Record<string, string>)));
    });
  }

  /** The consumer, which must be ACTIVE to subscribe (ResourceInUseException otherwise). */
  requireActive(key: StreamKey, name: string): { stream: StreamRow; consumer: ConsumerView } {
    return this.access.inTransaction(() => {
      const row = this.access.require(key);
      const consumer = this.view(row, this.requireConsumer(row, name));
      if (consumer.status !== 'ACTIVE') {
        throw kinesisErrors.resourceInUse(`Consumer ${consumer.arn} under account ${key.accountId} is not in ACTIVE state.`);
      }
      return { stream: row, consumer };
    });
  }

  private requireConsumer(row: StreamRow, name: string): ConsumerRow {
    const consumer = this.live(row, name);
    // Unverified against AWS: the exact wording.
    if (!consumer) throw kinesisErrors.resourceNotFound(`Consumer ${name} under stream ${streamArnOf(this.access.keyOf(row))} not found.`);
    return consumer;
  }

  private live(row: StreamRow, name: string): ConsumerRow | undefined {
    const consumer = this.access.store.findConsumer(row.stream_id, name);
    return consumer && !this.gone(consumer) ? consumer : undefined;
  }

  private all(row: StreamRow): ConsumerRow[] {
    return this.access.store.consumersOf(row.stream_id).filter((c) => !this.gone(c));
  }

  private gone(c: ConsumerRow): boolean {
    return c.status === 'DELETING' && this.access.clock.now() >= c.status_until_ms;
  }

  private arnOf(row: StreamRow, c: ConsumerRow): string {
    return consumerArnOf(this.access.keyOf(row), c.name, c.created_at_ms);
  }

  private view(row: StreamRow, c: ConsumerRow): ConsumerView {
    const settled = this.access.clock.now() >= c.status_until_ms;
    return {
      name: c.name,
      arn: this.arnOf(row, c),
      status: c.status === 'CREATING' && settled ? 'ACTIVE' : c.status,
      createdAtMs: c.created_at_ms,
      streamArn: streamArnOf(this.access.keyOf(row)),
    };
  }
}
