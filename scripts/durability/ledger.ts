/**
 * What the producers tried and what wharf acknowledged. A key names one attempt (its body or
 * data is payloadOf(key)); `acked` is set only when the SDK call resolved with success for it.
 */
export interface SqsAttempt {
  acked?: string; // MessageId
}

export interface FifoAttempt {
  group: string;
  /** Position in its group's send order. */
  index: number;
  acked?: string;
  /** How many times it was sent again after a kill left it unacknowledged. */
  retries: number;
}

export interface SnsAttempt {
  acked?: string; // SNS MessageId
}

export interface KinesisAttempt {
  acked?: { shardId: string; sequenceNumber: string };
}

export interface ReadRecord {
  key: string;
  sequenceNumber: string;
}

export class Ledger {
  readonly standard = new Map<string, SqsAttempt>();
  /** Keys whose DeleteMessage(Batch) entry was acknowledged: they must never come back. */
  readonly deleted = new Set<string>();
  /** How many times each standard-queue key was received, while the kills went on or in the final drain. */
  readonly received = new Map<string, number>();
  readonly fifo = new Map<string, FifoAttempt>();
  /** Per group, the keys of the send a kill left unacknowledged, to send again before anything newer. */
  readonly fifoPending = new Map<string, string[]>();
  readonly sns = new Map<string, SnsAttempt>();
  readonly kinesis = new Map<string, KinesisAttempt>();
  /** Per shard: the iterator a reader carries across restarts, and what it read with it. */
  readonly readers = new Map<string, { iterator: string; records: ReadRecord[] }>();
  private counter = 0;

  nextKey(prefix: string): string {
    return `${prefix}${(this.counter++).toString(36)}`;
  }
}

export interface Figures {
  cycles: number;
  sigkills: number;
  killedDuringStartUp: number;
  sigterms: number;
  standardAcked: number;
  standardUnacked: number;
  deletesAcked: number;
  fifoAcked: number;
  fifoRetries: number;
  snsAcked: number;
  kinesisAcked: number;
  kinesisUnacked: number;
  readerRecords: number;
  durationMs: number;
}

export function figuresOf(
  ledger: Ledger,
  run: { cycles: number; sigkills: number; killedDuringStartUp: number; sigterms: number; durationMs: number },
): Figures {
  const count = <T>(map: Map<string, T>, f: (v: T) => boolean) => [...map.values()].filter(f).length;
  return {
    ...run,
    standardAcked: count(ledger.standard, (a) => a.acked !== undefined),
    standardUnacked: count(ledger.standard, (a) => a.acked === undefined),
    deletesAcked: ledger.deleted.size,
    fifoAcked: count(ledger.fifo, (a) => a.acked !== undefined),
    fifoRetries: [...ledger.fifo.values()].reduce((n, a) => n + a.retries, 0),
    snsAcked: count(ledger.sns, (a) => a.acked !== undefined),
    kinesisAcked: count(ledger.kinesis, (a) => a.acked !== undefined),
    kinesisUnacked: count(ledger.kinesis, (a) => a.acked === undefined),
    readerRecords: [...ledger.readers.values()].reduce((n, r) => n + r.records.length, 0),
  };
}
