import type Database from 'better-sqlite3';
import { sqsQueues } from './0001-sqs.js';
import { sqsFifoAndRedrive } from './0002-sqs-fifo-redrive.js';
import { snsTopicsAndSubscriptions } from './0003-sns.js';
import { kinesisStreams } from './0004-kinesis.js';
import { snsDeliveries } from './0005-sns-deliveries.js';
import { lambdaEventSourceMappings } from './0006-lambda.js';

export interface Migration {
  version: number;
  up(db: Database.Database): void;
}

/** Every migration, in order. Never edit one that has shipped: add the next. */
export const migrations: readonly Migration[] = [
  sqsQueues,
  sqsFifoAndRedrive,
  snsTopicsAndSubscriptions,
  kinesisStreams,
  snsDeliveries,
  lambdaEventSourceMappings,
];
