import * as k from '@aws-sdk/client-kinesis';
import { connect, constants, type ClientHttp2Session } from 'node:http2';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../src/server.js';
import { kinesisClients } from '../../support/pooled-clients.js';
import { startTestServer } from '../../support/server.js';

/**
 * SubscribeToShard streams events until the client goes away; whichever way it goes (the SDK
 * call aborted, the HTTP/2 stream reset, the connection closed), the subscription must end at
 * once rather than wait for a put or heartbeat that may never be written anywhere, for up to
 * the subscription's 5 minutes.
 */
describe('a SubscribeToShard subscription whose client goes away', () => {
  let server: RunningServer;
  let kinesis: k.KinesisClient;
  let consumerArn: string;
  beforeAll(async () => {
    server = await startTestServer();
    kinesis = kinesisClients(server.url, 1)[0]!;
    await kinesis.send(new k.CreateStreamCommand({ StreamName: 'watched', ShardCount: 1 }));
    const { StreamDescription } = await kinesis.send(new k.DescribeStreamCommand({ StreamName: 'watched' }));
    consumerArn = (await kinesis.send(new k.RegisterStreamConsumerCommand({ StreamARN: StreamDescription!.StreamARN!, ConsumerName: 'reader' }))).Consumer!
      .ConsumerARN!;
  });
  afterAll(async () => {
    kinesis?.destroy();
    await server?.close();
  });

  const waiting = () => server.emulator.kinesis.records.signals.waiting;
  /** Well under the 5 s heartbeat: the end must not wait for a write to fail. */
  async function untilNoSubscriptionWaits(): Promise<void> {
    const giveUpAt = Date.now() + 2_000;
    while (waiting() > 0) {
      if (Date.now() > giveUpAt) throw new Error(`${waiting()} subscription(s) still waiting for a put`);
      await sleep(10);
    }
  }

  /** A subscription over a raw HTTP/2 session, once its first event has arrived. */
  async function rawSubscription(): Promise<{ session: ClientHttp2Session; stream: ReturnType<ClientHttp2Session['request']> }> {
    const session = connect(server.url);
    session.on('error', () => {});
    const body = JSON.stringify({ ConsumerARN: consumerArn, ShardId: 'shardId-000000000000', StartingPosition: { Type: 'LATEST' } });
    const stream = session.request({
      ':method': 'POST',
      ':path': '/',
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'Kinesis_20131202.SubscribeToShard',
      'content-length': Buffer.byteLength(body),
    });
    stream.on('error', () => {});
    stream.end(body);
    await new Promise((resolve) => stream.once('data', resolve));
    while (waiting() === 0) await sleep(5);
    return { session, stream };
  }

  it('ends when the SDK call is aborted', async () => {
    const leave = new AbortController();
    const out = await kinesis.send(
      new k.SubscribeToShardCommand({ ConsumerARN: consumerArn, ShardId: 'shardId-000000000000', StartingPosition: { Type: 'LATEST' } }),
      {
        abortSignal: leave.signal,
      },
    );
    await out.EventStream![Symbol.asyncIterator]().next();
    expect(waiting()).toBe(1);
    leave.abort();
    await untilNoSubscriptionWaits();
  });

  it('ends when the client resets its HTTP/2 stream', async () => {
    const { session, stream } = await rawSubscription();
    stream.close(constants.NGHTTP2_CANCEL);
    await untilNoSubscriptionWaits();
    session.destroy();
  });

  it('ends when the client closes its HTTP/2 connection', async () => {
    const { session } = await rawSubscription();
    session.destroy();
    await untilNoSubscriptionWaits();
  });
});
