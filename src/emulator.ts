import { VirtualClock, type Clock } from './clock.js';
import type { ServiceDefinition } from './protocol/service.js';
import { KinesisEngine } from './services/kinesis/engine/kinesis-engine.js';
import type { KinesisOptions } from './services/kinesis/engine/types.js';
import { kinesisService } from './services/kinesis/index.js';
import { KinesisStore } from './services/kinesis/store/kinesis-store.js';
import { kinesisEventSourcePort } from './services/kinesis/engine/event-source.js';
import { LambdaEngine } from './services/lambda/engine/lambda-engine.js';
import { lambdaService } from './services/lambda/index.js';
import { LambdaStore } from './services/lambda/store/lambda-store.js';
import { sqsEventSourcePort } from './services/sqs/engine/event-source.js';
import { SqsEngine } from './services/sqs/engine/sqs-engine.js';
import { sqsService } from './services/sqs/index.js';
import { SqsStore } from './services/sqs/store/sqs-store.js';
import { SnsMobile } from './services/sns/engine/mobile.js';
import { SnsEngine } from './services/sns/engine/sns-engine.js';
import { SILENT_LOGGER, type SnsLogger } from './services/sns/engine/types.js';
import { snsService } from './services/sns/index.js';
import { FunctionRegistry } from './services/lambda/engine/functions.js';
import { remoteFunctions } from './services/lambda/remote-functions.js';
import { signingKeyInDataDir } from './services/sns/signing-key-file.js';
import { SnsStore } from './services/sns/store/sns-store.js';
import { reclaimFreePages } from './store/space.js';
import { closeDatabase, openDatabase, type Db, type Durability } from './store/database.js';
import { transactionRunner } from './store/transaction.js';

/** How often free database pages are returned to the file system (with a data directory). */
const RECLAIM_EVERY_MS = 5_000;

export interface EmulatorOptions {
  /** Directory for wharf.db; undefined keeps all state in memory. */
  dataDir?: string;
  /** How a commit in the data directory is synced before its reply (default normal). */
  durability?: Durability;
  /** Unset: a VirtualClock (real time until moved through POST /_wharf/clock or the test fixture). */
  clock?: Clock;
  /** Where warnings about deliveries go (e.g. a queue policy AWS would refuse). */
  logger?: SnsLogger;
  /** SNS drops deliveries to queues whose policy does not allow the topic, as AWS does. */
  snsEnforceQueuePolicy?: boolean;
  /** How many SNS deliveries the delivery log keeps (default 10,000, all accounts and regions together). */
  snsDeliveryRetention?: number;
  /** The Lambda Invoke API endpoint for SNS lambda subscriptions; unset, deliveries are only recorded. */
  lambdaEndpoint?: string;
  /** Region of the Lambda client. */
  region?: string;
  kinesis?: Partial<KinesisOptions>;
}

/**
 * The composition root: one database, one clock, the engines over them, and the services the
 * protocol layer routes to. Knows nothing of HTTP, so tests can drive the engines directly.
 */
export class Emulator {
  readonly clock: Clock;
  /** The clock users can move; undefined when a clock was injected (tests move theirs directly). */
  readonly virtualClock: VirtualClock | undefined;
  readonly sqs: SqsEngine;
  readonly sns: SnsEngine;
  readonly snsMobile: SnsMobile;
  readonly kinesis: KinesisEngine;
  readonly lambda: LambdaEngine;
  readonly services: readonly ServiceDefinition[];
  private readonly db: Db;
  private readonly sqsStore: SqsStore;
  private readonly resetState: () => void;
  /** Aborted on close, so waiting long polls return (empty) instead of holding shutdown. */
  private readonly closing = new AbortController();
  /** With a data directory: free pages go back to the file system (src/store/space.ts). */
  private readonly reclaimTimer: NodeJS.Timeout | undefined;

  constructor(options: EmulatorOptions = {}) {
    this.clock = options.clock ?? new VirtualClock();
    this.virtualClock = this.clock instanceof VirtualClock ? this.clock : undefined;
    this.db = openDatabase(options.dataDir, { durability: options.durability ?? 'normal' });
    // Real time, not the clock: disk space is not part of the emulated behaviour.
    if (options.dataDir) this.reclaimTimer = setInterval(() => reclaimFreePages(this.db), RECLAIM_EVERY_MS).unref();
    this.resetState = deleteAllRows(this.db);
    this.sqsStore = new SqsStore(this.db);
    this.sqs = new SqsEngine(this.sqsStore, this.clock);
    const functions = new FunctionRegistry(
      this.clock,
      options.lambdaEndpoint ? remoteFunctions(options.lambdaEndpoint, options.region ?? 'us-east-1') : undefined,
    );
    const snsStore = new SnsStore(this.db);
    this.sns = new SnsEngine(snsStore, this.sqs, this.clock, options.logger ?? SILENT_LOGGER, {
      enforceQueuePolicy: options.snsEnforceQueuePolicy ?? false,
      invokeLambda: Object.assign((functionArn: string, payload: string) => functions.invokeAsync(functionArn, payload), {
        canInvoke: (functionArn: string) => functions.canInvoke(functionArn),
      }),
      ...(options.snsDeliveryRetention !== undefined ? { deliveryRetention: options.snsDeliveryRetention } : {}),
      ...(options.dataDir ? { signingKey: signingKeyInDataDir(options.dataDir, this.clock) } : {}),
    });
    this.snsMobile = new SnsMobile(snsStore, this.clock);
    this.kinesis = new KinesisEngine(new KinesisStore(this.db), this.clock, options.kinesis);
    const logger = options.logger ?? SILENT_LOGGER;
    this.lambda = new LambdaEngine(
      new LambdaStore(this.db),
      this.clock,
      { sqs: sqsEventSourcePort(this.sqs), kinesis: kinesisEventSourcePort(this.kinesis) },
      functions,
      (uuid, err) => logger.warn({ mapping: uuid, error: (err as Error).message }, 'an event source mapping poller stopped on an unexpected error'),
    );
    this.lambda.startPolling();
    this.services = [sqsService(this.sqs), snsService({ sns: this.sns, mobile: this.snsMobile }), kinesisService(this.kinesis), lambdaService(this.lambda)];
  }

  /** The database, for tests that check what was stored (never for writes: engines own those). */
  get database(): Db {
    return this.db;
  }

  get closingSignal(): AbortSignal {
    return this.closing.signal;
  }

  /**
   * Drops all state: every row of every table, SNS HTTP deliveries still retrying, and the
   * virtual clock's offset (back to real time). Waiting long polls return empty; Kinesis
   * subscriptions end with ResourceNotFoundException, their stream being gone.
   */
  reset(): void {
    this.lambda.stopPolling();
    this.lambda.clearInvocations();
    this.resetState();
    this.sqsStore.forgetCachedQueues();
    this.sns.http.abandon();
    this.virtualClock?.real();
    this.sqs.signals.notifyAll();
    this.kinesis.records.signals.notifyAll();
  }

  /** Ends every waiting receive (they return empty); new ones return at once. */
  stopWaiting(): void {
    this.closing.abort();
    this.lambda.stopPolling();
    this.sqs.signals.notifyAll();
    this.kinesis.records.signals.notifyAll();
  }

  close(): void {
    clearInterval(this.reclaimTimer);
    this.stopWaiting();
    this.sqs.close();
    this.sns.close();
    closeDatabase(this.db);
  }
}

/** Empties every table in one transaction, with the statements prepared once (reset runs between tests). */
function deleteAllRows(db: Db): () => void {
  const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
  const deletes = tables.map((table) => db.prepare(`DELETE FROM "${table}"`));
  const inTransaction = transactionRunner(db);
  return () =>
    inTransaction(() => {
      for (const statement of deletes) statement.run();
    });
}
