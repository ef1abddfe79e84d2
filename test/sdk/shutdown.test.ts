import { describe, expect, it } from 'vitest';
import { startTestServer } from '../support/server.js';
import { connectSqs } from '../support/sqs-clients.js';

describe('graceful shutdown', () => {
  it('answers waiting long polls empty, finishes them, then closes the database', async () => {
    const server = await startTestServer();
    const { sdk, client } = connectSqs('json', server.url);
    const { QueueUrl } = await client.send(new sdk.CreateQueueCommand({ QueueName: 'waiting' }));
    const waiting = client.send(new sdk.ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    // Let the receive reach the server and start waiting.
    while (server.emulator.sqs.signals.waiting === 0) await new Promise((resolve) => setImmediate(resolve));

    const startedMs = performance.now();
    await server.close();
    const reply = await waiting;
    expect(reply.$metadata.httpStatusCode).toBe(200);
    expect(reply.Messages).toBeUndefined();
    // Far less than the 20 s wait: shutdown did not wait the long poll out.
    expect(performance.now() - startedMs).toBeLessThan(5_000);
    expect(server.emulator.sqs.signals.waiting).toBe(0);
    client.destroy();
  });
});
