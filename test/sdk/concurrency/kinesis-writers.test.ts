import * as k from '@aws-sdk/client-kinesis';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../src/server.js';
import { kinesisClients } from '../../support/pooled-clients.js';
import { startTestServer } from '../../support/server.js';
import { stressMessages, timeLimitMs } from './stress.js';

const WRITERS = 64;
/** Each writer's puts come in rounds of 20 (a PutRecords of 10, then 10 PutRecord). */
const RECORDS = stressMessages(1_280, 0.2, WRITERS * 20);
const SHARDS = 4;
const POLLERS_PER_SHARD = 2;
const BATCH = 10;

interface Acknowledged {
  shardId: string;
  sequenceNumber: string;
  data: string;
}
type Read = { sequenceNumber: string; data: string };

const bySequence = (a: { sequenceNumber: string }, b: { sequenceNumber: string }) => {
  const x = BigInt(a.sequenceNumber);
  const y = BigInt(b.sequenceNumber);
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * 64 Kinesis clients (each its own HTTP/2 session) putting into one stream at once, while
 * GetRecords pollers and SubscribeToShard subscriptions read every shard: per shard, what was
 * acknowledged has distinct sequence numbers, and every reader sees exactly that, in that order.
 */
describe('Kinesis under 64 concurrent writers and concurrent readers', () => {
  let server: RunningServer;
  let clients: k.KinesisClient[];
  beforeAll(async () => {
    server = await startTestServer();
    // Half keep one HTTP/2 session, half open one per request (the SDK's default): both at once.
    clients = kinesisClients(server.url, WRITERS, { reuseSessions: (i) => i % 2 === 0 });
  });
  afterAll(async () => {
    for (const client of clients ?? []) client.destroy();
    await server?.close();
  });

  it(
    `orders ${RECORDS} records put by ${WRITERS} writers per shard, and every reader sees each once, in that order`,
    async () => {
      const [control] = clients;
      await control!.send(new k.CreateStreamCommand({ StreamName: 'busy', ShardCount: SHARDS }));
      const { StreamDescription } = await control!.send(new k.DescribeStreamCommand({ StreamName: 'busy' }));
      const shardIds = StreamDescription!.Shards!.map((s) => s.ShardId!);
      const { Consumer } = await control!.send(new k.RegisterStreamConsumerCommand({ StreamARN: StreamDescription!.StreamARN!, ConsumerName: 'fan-out' }));

      let writing = true;
      const acknowledged: Acknowledged[] = [];
      const expectedCount = (shardId: string) => acknowledged.filter((a) => a.shardId === shardId).length;

      // Readers start first, from TRIM_HORIZON, and read while the writers write.
      const poll = async (shardId: string): Promise<Read[]> => {
        const read: Read[] = [];
        let { ShardIterator } = await control!.send(new k.GetShardIteratorCommand({ StreamName: 'busy', ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }));
        for (;;) {
          const out = await control!.send(new k.GetRecordsCommand({ ShardIterator, Limit: 1000 }));
          read.push(...out.Records!.map((r) => ({ sequenceNumber: r.SequenceNumber!, data: Buffer.from(r.Data!).toString() })));
          ShardIterator = out.NextShardIterator;
          if (out.Records!.length === 0) {
            if (!writing && read.length >= expectedCount(shardId)) return read;
            await sleep(100);
          }
        }
      };
      let writesDone!: () => void;
      const allWritten = new Promise<'written'>((resolve) => (writesDone = () => resolve('written')));
      const subscribe = async (shardId: string): Promise<Read[]> => {
        const read: Read[] = [];
        const leave = new AbortController();
        const out = await control!.send(
          new k.SubscribeToShardCommand({ ConsumerARN: Consumer!.ConsumerARN!, ShardId: shardId, StartingPosition: { Type: 'TRIM_HORIZON' } }),
          {
            abortSignal: leave.signal,
          },
        );
        const events = out.EventStream![Symbol.asyncIterator]();
        // Events come as records arrive (and every 5 s when none do): stop once writing is over and all are in.
        let pending = events.next();
        while (writing || read.length < expectedCount(shardId)) {
          const next = writing ? await Promise.race([pending, allWritten]) : await pending;
          if (next === 'written') continue;
          if (next.done) throw new Error(`the subscription to ${shardId} ended early`);
          read.push(
            ...(next.value as k.SubscribeToShardEventStream).SubscribeToShardEvent!.Records!.map((r) => ({
              sequenceNumber: r.SequenceNumber!,
              data: Buffer.from(r.Data!).toString(),
            })),
          );
          pending = events.next();
        }
        // Not events.return(): that waits for the next (heartbeat) event. Closing the stream ends the subscription.
        leave.abort();
        return read;
      };
      const pollers = shardIds.flatMap((shardId) =>
        Array.from({ length: POLLERS_PER_SHARD }, () => poll(shardId).then((read) => ({ shardId, how: 'GetRecords', read }))),
      );
      const subscriptions = shardIds.map((shardId) => subscribe(shardId).then((read) => ({ shardId, how: 'SubscribeToShard', read })));

      const perWriter = RECORDS / WRITERS;
      const startedMs = Date.now();
      const outOfOrder: string[] = [];
      await Promise.all(
        clients.map(async (client, w) => {
          // Each writer's own puts to one partition key follow each other: their sequence numbers must increase.
          const lastByKey = new Map<string, bigint>();
          const record = (data: string, shardId: string, sequenceNumber: string, partitionKey: string) => {
            acknowledged.push({ shardId, sequenceNumber, data });
            const last = lastByKey.get(partitionKey);
            if (last !== undefined && BigInt(sequenceNumber) <= last) outOfOrder.push(`${data} (${partitionKey}) after a later put`);
            lastByKey.set(partitionKey, BigInt(sequenceNumber));
          };
          for (let n = 0; n < perWriter; ) {
            const partitionKey = `writer-${w}-key-${n % 3}`;
            if (n % 20 === 0 && n + BATCH <= perWriter) {
              const records = Array.from({ length: BATCH }, (_, i) => ({ data: `w${w}-r${n + i}`, partitionKey: `writer-${w}-key-${(n + i) % 3}` }));
              const out = await client.send(
                new k.PutRecordsCommand({ StreamName: 'busy', Records: records.map((r) => ({ Data: Buffer.from(r.data), PartitionKey: r.partitionKey })) }),
              );
              expect(out.FailedRecordCount).toBe(0);
              out.Records!.forEach((result, i) => record(records[i]!.data, result.ShardId!, result.SequenceNumber!, records[i]!.partitionKey));
              n += BATCH;
            } else {
              const data = `w${w}-r${n}`;
              const out = await client.send(new k.PutRecordCommand({ StreamName: 'busy', Data: Buffer.from(data), PartitionKey: partitionKey }));
              record(data, out.ShardId!, out.SequenceNumber!, partitionKey);
              n++;
            }
          }
        }),
      );
      writing = false;
      writesDone();
      const wroteMs = Date.now() - startedMs;
      expect(outOfOrder).toEqual([]);
      expect(acknowledged).toHaveLength(RECORDS);

      const readers = await Promise.all([...pollers, ...subscriptions]);
      console.info(`Kinesis: ${RECORDS} records from ${WRITERS} writers in ${wroteMs} ms; every reader done ${Date.now() - startedMs - wroteMs} ms later`);
      for (const shardId of shardIds) {
        const expected = acknowledged.filter((a) => a.shardId === shardId).sort(bySequence);
        expect(new Set(expected.map((a) => a.sequenceNumber)).size).toBe(expected.length); // no sequence number given twice
        const expectedReads = expected.map(({ sequenceNumber, data }) => ({ sequenceNumber, data }));
        // Every reader of the shard: each acknowledged record once, in sequence-number order, nothing else.
        for (const reader of readers.filter((r) => r.shardId === shardId))
          expect({ shardId, how: reader.how, read: reader.read }).toEqual({ shardId, how: reader.how, read: expectedReads });
      }
      expect(new Set(acknowledged.map((a) => a.shardId)).size).toBe(SHARDS); // the writers did spread over every shard
      // The subscriptions ended when their clients closed them: none still waits for a put.
      await expect.poll(() => server.emulator.kinesis.records.signals.waiting).toBe(0);
    },
    timeLimitMs(120_000),
  );
});
