import * as k from '@aws-sdk/client-kinesis';
import * as l from '@aws-sdk/client-lambda';
import * as s from '@aws-sdk/client-sqs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.js';
import type { RunningServer } from '../../../src/server.js';
import { startTestServer } from '../../support/server.js';
import { queueArn, streamArn } from '../../support/lambda-clients.js';

const dataDir = mkdtempSync(join(tmpdir(), 'wharf-lambda-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function clientsOf(server: RunningServer) {
  const config = { endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDWHARFTEST', secretAccessKey: 'secret' }, maxAttempts: 1 };
  return { sqs: new s.SQSClient(config), lambda: new l.LambdaClient(config), kinesis: new k.KinesisClient(config) };
}

describe('event source mappings with a data directory', () => {
  it('keep their mappings and Kinesis checkpoints across a restart, and show recent invocations at /_wharf/lambda/mappings', async () => {
    const clock = new ManualClock();
    const seen: string[] = [];
    const handler = async (event: unknown) => {
      for (const r of (event as { Records: { kinesis?: { data: string }; body?: string }[] }).Records)
        seen.push(r.body ?? Buffer.from(r.kinesis!.data, 'base64').toString());
    };
    let server = await startTestServer({ clock, config: { dataDir } });
    let c = clientsOf(server);
    const { QueueUrl } = await c.sqs.send(new s.CreateQueueCommand({ QueueName: 'orders' }));
    await c.kinesis.send(new k.CreateStreamCommand({ StreamName: 'clicks', ShardCount: 1 }));
    server.emulator.lambda.functions.register('consumer', handler);
    const queueMapping = await c.lambda.send(new l.CreateEventSourceMappingCommand({ FunctionName: 'consumer', EventSourceArn: queueArn('orders') }));
    const streamMapping = await c.lambda.send(
      new l.CreateEventSourceMappingCommand({ FunctionName: 'consumer', EventSourceArn: streamArn('clicks'), StartingPosition: 'TRIM_HORIZON' }),
    );
    await c.kinesis.send(new k.PutRecordCommand({ StreamName: 'clicks', PartitionKey: 'p', Data: Buffer.from('click-1') }));
    await server.emulator.lambda.invocationsReached(streamMapping.UUID!, 1);

    const inspected = (await (await fetch(`${server.url}/_wharf/lambda/mappings/${streamMapping.UUID}`)).json()) as Record<string, unknown>;
    expect(inspected).toMatchObject({
      uuid: streamMapping.UUID,
      eventSourceArn: streamArn('clicks'),
      state: 'Enabled',
      lastProcessingResult: 'OK',
      functionAvailable: true,
    });
    expect(inspected.recentInvocations).toEqual([{ atMs: clock.now(), at: new Date(clock.now()).toISOString(), batchSize: 1, outcome: 'ok', durationMs: 0 }]);
    expect(((await (await fetch(`${server.url}/_wharf/lambda/mappings`)).json()) as { mappings: unknown[] }).mappings).toHaveLength(2);

    for (const client of Object.values(c)) client.destroy();
    await server.close();
    server = await startTestServer({ clock, config: { dataDir } });
    c = clientsOf(server);
    try {
      expect((await c.lambda.send(new l.GetEventSourceMappingCommand({ UUID: queueMapping.UUID }))).State).toBe('Enabled');
      server.emulator.lambda.functions.register('consumer', handler);
      await c.sqs.send(new s.SendMessageCommand({ QueueUrl, MessageBody: 'order-1' }));
      await c.kinesis.send(new k.PutRecordCommand({ StreamName: 'clicks', PartitionKey: 'p', Data: Buffer.from('click-2') }));
      await server.emulator.lambda.invocationsReached(queueMapping.UUID!, 1);
      await server.emulator.lambda.invocationsReached(streamMapping.UUID!, 1);
      // click-1 was checkpointed before the restart: it is not delivered again.
      expect(seen.sort()).toEqual(['click-1', 'click-2', 'order-1']);
    } finally {
      for (const client of Object.values(c)) client.destroy();
      await server.close();
    }
  });
});
