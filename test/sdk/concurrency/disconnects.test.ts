import * as sqs from '@aws-sdk/client-sqs';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../src/server.js';
import { startTestServer } from '../../support/server.js';
import { connectSqs } from '../../support/sqs-clients.js';

const ROUNDS = 30;
const RACES = 20;

/**
 * Long polls whose client goes away: the receive must end without claiming anything, so the
 * next message is there at once for a live consumer, with ApproximateReceiveCount 1. A wharf in
 * this process, so the test can see its waiting receives and its connections.
 */
describe('a long poll whose client disconnects', () => {
  let server: RunningServer;
  let client: sqs.SQSClient;
  let accepted = 0;
  beforeAll(async () => {
    server = await startTestServer();
    server.app.server.on('connection', () => accepted++);
    client = connectSqs('json', server.url).client;
  });
  afterAll(async () => {
    client?.destroy();
    await server?.close();
  });

  const waiting = () => server.emulator.sqs.signals.waiting;
  const connections = () => new Promise<number>((resolve, reject) => server.app.server.getConnections((err, n) => (err ? reject(err) : resolve(n))));

  async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
    const giveUpAt = Date.now() + 5_000;
    while (!(await condition())) {
      if (Date.now() > giveUpAt) throw new Error(`gave up waiting for ${what}`);
      await sleep(2);
    }
  }

  /** ReceiveMessage (JSON protocol) with WaitTimeSeconds 20 on a raw socket, so the test decides how the client leaves. */
  async function rawLongPoll(queueUrl: string): Promise<Socket> {
    const body = JSON.stringify({ QueueUrl: queueUrl, WaitTimeSeconds: 20 });
    const socket = connect(server.port, '127.0.0.1');
    socket.on('error', () => {});
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST / HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: AmazonSQS.ReceiveMessage\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    return socket;
  }

  async function queue(name: string, attributes: Record<string, string> = {}): Promise<string> {
    return (await client.send(new sqs.CreateQueueCommand({ QueueName: name, Attributes: attributes }))).QueueUrl!;
  }

  /** Sends one message; a short poll must get it at once, first received. */
  async function expectNextMessageReceivedFirstTime(queueUrl: string): Promise<void> {
    const { MessageId } = await client.send(new sqs.SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'for a live consumer' }));
    const { Messages = [] } = await client.send(
      new sqs.ReceiveMessageCommand({ QueueUrl: queueUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
    );
    expect(Messages.map((m) => [m.MessageId, m.Attributes!.ApproximateReceiveCount])).toEqual([[MessageId, '1']]);
    await client.send(new sqs.DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: Messages[0]!.ReceiptHandle! }));
  }

  it(`ends the receive and hides nothing, ${ROUNDS} times, whether the socket is destroyed, half-closed or the SDK call aborted`, async () => {
    const queueUrl = await queue('abandoned');
    for (let round = 0; round < ROUNDS; round++) {
      const how = (['destroy', 'end', 'sdk abort'] as const)[round % 3];
      if (how === 'sdk abort') {
        const abort = new AbortController();
        const receive = client.send(new sqs.ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 20 }), { abortSignal: abort.signal });
        await until(() => waiting() === 1, 'the receive to wait');
        abort.abort();
        await expect(receive).rejects.toMatchObject({ name: 'AbortError' });
      } else {
        const socket = await rawLongPoll(queueUrl);
        await until(() => waiting() === 1, 'the receive to wait');
        // Node's HTTP server takes a half-close (FIN) as the end of the connection: no reply can follow.
        if (how === 'end') socket.end();
        else socket.destroy();
      }
      await until(() => waiting() === 0, `the ${how} to end the receive`);
      await expectNextMessageReceivedFirstTime(queueUrl);
    }
    expect(server.emulator.sqs.signals.queuesWaitedOn).toBe(0);
  }, 30_000);

  it(`claims nothing for a request whose client left before it was even read, ${ROUNDS} times`, async () => {
    const queueUrl = await queue('never-read');
    for (let round = 0; round < ROUNDS; round++) {
      const acceptedBefore = accepted;
      const baseline = await connections();
      const socket = await rawLongPoll(queueUrl);
      socket.destroy();
      // The server has accepted the connection and closed it: whatever it read, it is done with it.
      await until(async () => accepted > acceptedBefore && (await connections()) === baseline, 'the server to close the connection');
      expect(waiting()).toBe(0);
      await expectNextMessageReceivedFirstTime(queueUrl);
    }
  }, 30_000);

  it(`gives a message sent as the client leaves either to a live consumer at once or, if the dead receive claimed it first, back after its visibility timeout (${RACES} races)`, async () => {
    // One queue per race, all run at once, so the 1 s visibility timeouts are waited out together.
    const queueUrls = await Promise.all(Array.from({ length: RACES }, (_, i) => queue(`raced-${i}`, { VisibilityTimeout: '1' })));
    const sockets = await Promise.all(queueUrls.map((url) => rawLongPoll(url)));
    await until(() => waiting() === RACES, 'every receive to wait');
    const sent = await Promise.all(
      queueUrls.map(async (QueueUrl, i) => {
        sockets[i]!.destroy();
        // The socket's FIN goes out when the client's event loop closes it: sent in the same tick,
        // the message is on the wire first; one turn later, the FIN is, and the server may or
        // may not have read it when the message arrives.
        if (i % 2 === 1) await new Promise((resolve) => setImmediate(resolve));
        return client.send(new sqs.SendMessageCommand({ QueueUrl, MessageBody: 'raced' }));
      }),
    );
    await until(() => waiting() === 0, 'every dead receive to end');
    const receiveCounts = await Promise.all(
      queueUrls.map(async (QueueUrl, i) => {
        // WaitTimeSeconds 2: long enough for a claimed message's 1 s visibility timeout to run out.
        const { Messages = [] } = await client.send(
          new sqs.ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 2, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
        );
        expect(Messages.map((m) => m.MessageId)).toEqual([sent[i]!.MessageId]);
        return Number(Messages[0]!.Attributes!.ApproximateReceiveCount);
      }),
    );
    console.info(
      `disconnect races: ${receiveCounts.filter((n) => n === 1).length} messages went straight to the live consumer, ${receiveCounts.filter((n) => n === 2).length} came back after the dead receive's claim`,
    );
    // Received at most once by the dead receive, never lost.
    expect(receiveCounts.every((n) => n === 1 || n === 2)).toBe(true);
    expect(server.emulator.sqs.signals.queuesWaitedOn).toBe(0);
  }, 30_000);
});
