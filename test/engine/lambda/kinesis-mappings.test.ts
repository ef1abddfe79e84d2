import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreateMappingRequest } from '../../../src/services/lambda/engine/lambda-engine.js';
import type { KinesisEventRecord } from '../../../src/services/lambda/engine/kinesis-poller.js';
import { ACCOUNT, queueKey, receive, REGION, startEngine, T0, type EngineFixture } from '../../support/sqs-engine.js';

const owner = { accountId: ACCOUNT, region: REGION };
const stream = { accountId: ACCOUNT, region: REGION, name: 'clicks' };
const streamArn = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/clicks`;

let f: EngineFixture;
beforeEach(() => {
  f = startEngine();
  f.emulator.kinesis.createStream(stream, { shardCount: 1, mode: 'PROVISIONED', tags: {} });
});
afterEach(() => f.close());

const put = (...keys: string[]) =>
  f.emulator.kinesis.records.putRecords(
    stream,
    keys.map((k) => ({ partitionKey: k, data: Buffer.from(k) })),
  ).results as { sequenceNumber: string; shardId: string }[];
const map = (request: Partial<CreateMappingRequest> = {}) =>
  f.emulator.lambda.createMapping(owner, { FunctionName: 'clicks-consumer', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', ...request }).mapping
    .uuid;
const reached = (uuid: string, n: number) => f.emulator.lambda.invocationsReached(uuid, n);
const data = (event: { Records: KinesisEventRecord[] }) => event.Records.map((r) => Buffer.from(r.kinesis.data, 'base64').toString());
async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

function recorder(respond: (event: { Records: KinesisEventRecord[] }, call: number) => unknown = () => undefined) {
  const events: { Records: KinesisEventRecord[] }[] = [];
  f.emulator.lambda.functions.register('clicks-consumer', async (event: unknown) => {
    events.push(event as { Records: KinesisEventRecord[] });
    return respond(event as { Records: KinesisEventRecord[] }, events.length);
  });
  return events;
}

describe('Kinesis event source mappings (in-process functions, ManualClock)', () => {
  it('invokes the function with AWS’s Kinesis event, from TRIM_HORIZON, and checkpoints after success', async () => {
    const [first] = put('a', 'b');
    const events = recorder();
    const uuid = map();
    await reached(uuid, 1);
    expect(events[0]!.Records[0]).toEqual({
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: 'a',
        sequenceNumber: first!.sequenceNumber,
        data: Buffer.from('a').toString('base64'),
        approximateArrivalTimestamp: T0 / 1000,
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: `shardId-000000000000:${first!.sequenceNumber}`,
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: `arn:aws:iam::${ACCOUNT}:role/wharf-lambda-role`,
      awsRegion: REGION,
      eventSourceARN: streamArn,
    });
    expect(data(events[0]!)).toEqual(['a', 'b']);
    expect(f.emulator.lambda.checkpoint(uuid, 'shardId-000000000000')).toEqual({
      sequenceNumber: events[0]!.Records[1]!.kinesis.sequenceNumber,
      finished: false,
    });
    expect(f.emulator.lambda.getMapping(owner, uuid).mapping.lastProcessingResult).toBe('OK');
    put('c');
    await reached(uuid, 2);
    expect(data(events[1]!)).toEqual(['c']);
  });

  it('starts at LATEST: records put before the mapping are not delivered', async () => {
    put('old');
    const events = recorder();
    const uuid = map({ StartingPosition: 'LATEST' });
    await flush();
    put('new');
    await reached(uuid, 1);
    expect(data(events[0]!)).toEqual(['new']);
  });

  it('starts AT_TIMESTAMP', async () => {
    put('before');
    f.clock.advance(60_000);
    put('after');
    const events = recorder();
    const uuid = map({ StartingPosition: 'AT_TIMESTAMP', StartingPositionTimestamp: new Date(T0 + 30_000) });
    await reached(uuid, 1);
    expect(data(events[0]!)).toEqual(['after']);
  });

  it('retries a failing batch on wharf’s clock until MaximumRetryAttempts, then sends AWS’s failure record to the OnFailure queue and moves on', async () => {
    f.sqs.createQueue(queueKey('clicks-failures'), {}, {});
    const events = recorder((event) => {
      if (data(event).includes('poison')) throw new Error('cannot parse');
    });
    const uuid = map({ MaximumRetryAttempts: 2, DestinationConfig: { OnFailure: { Destination: `arn:aws:sqs:${REGION}:${ACCOUNT}:clicks-failures` } } });
    const [poison] = put('poison');
    await reached(uuid, 1);
    f.clock.advance(1000);
    await reached(uuid, 2);
    f.clock.advance(2000);
    await reached(uuid, 3);
    const [failure] = await receive(f.sqs, queueKey('clicks-failures'), { waitTimeSeconds: 20 });
    expect(JSON.parse(failure!.body)).toEqual({
      requestContext: {
        requestId: expect.any(String),
        functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:clicks-consumer`,
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: 3,
      },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: new Date(T0 + 3000).toISOString(),
      KinesisBatchInfo: {
        shardId: 'shardId-000000000000',
        startSequenceNumber: poison!.sequenceNumber,
        endSequenceNumber: poison!.sequenceNumber,
        approximateArrivalOfFirstRecord: new Date(T0).toISOString(),
        approximateArrivalOfLastRecord: new Date(T0).toISOString(),
        batchSize: 1,
        streamArn,
      },
    });
    expect(f.emulator.lambda.getMapping(owner, uuid).mapping.lastProcessingResult).toBe('PROBLEM: Function call failed');
    put('fine');
    await reached(uuid, 4);
    expect(data(events[3]!)).toEqual(['fine']);
  });

  it('bisects a failing batch to isolate the bad record (BisectBatchOnFunctionError)', async () => {
    put('a', 'b', 'poison', 'd');
    const events = recorder((event) => {
      if (data(event).includes('poison')) throw new Error('bad record');
    });
    const uuid = map({ BisectBatchOnFunctionError: true, MaximumRetryAttempts: 0 });
    // Halves are tried at once (bisection is not a retry), and with no retries the poison record is given up.
    await reached(uuid, 5);
    expect(events.map(data)).toEqual([['a', 'b', 'poison', 'd'], ['a', 'b'], ['poison', 'd'], ['poison'], ['d']]);
  });

  it('retries from the first failed sequence number reported with ReportBatchItemFailures', async () => {
    const [, second] = put('a', 'b', 'c');
    const events = recorder((_event, call) => (call === 1 ? { batchItemFailures: [{ itemIdentifier: second!.sequenceNumber }] } : undefined));
    const uuid = map({ FunctionResponseTypes: ['ReportBatchItemFailures'] });
    await reached(uuid, 1);
    f.clock.advance(1000);
    await reached(uuid, 2);
    expect(events.map(data)).toEqual([
      ['a', 'b', 'c'],
      ['b', 'c'],
    ]);
  });

  it('reads a parent shard to its end before its children (resharding)', async () => {
    put('p1', 'p2');
    const events = recorder();
    const uuid = map();
    await reached(uuid, 1);
    f.emulator.kinesis.resharding.splitShard(stream, 'shardId-000000000000', '170141183460469231731687303715884105728');
    put('c1');
    // The parent's poller finds its end at its next poll; the child starts at the poller's next look at the shards.
    f.clock.advance(1000);
    await flush();
    f.clock.advance(1000);
    await reached(uuid, 2);
    expect(events.map(data)).toEqual([['p1', 'p2'], ['c1']]);
    expect(f.emulator.lambda.checkpoint(uuid, 'shardId-000000000000')?.finished).toBe(true);
  });
});
