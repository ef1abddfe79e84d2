import * as sqs from '@aws-sdk/client-sqs';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Agent } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { pooledAgent, pooledSqs } from '../../support/pooled-clients.js';
import { startServerProcess, type ServerProcess } from '../../support/server-process.js';
import { startTestServer } from '../../support/server.js';
import { connectSqs } from '../../support/sqs-clients.js';

const PRELOADED = 200;
const IN_FLIGHT = 50;
const WAITERS = 16;
const SENDERS = 32;

/**
 * test/sdk/shutdown.test.ts covers one waiting long poll on an in-memory server. This one stops
 * a wharf process (SIGTERM, as `docker stop` does) that keeps state in WHARF_DATA_DIR while
 * senders are busy, messages are in flight and long polls wait, then starts it again on the
 * same directory.
 */
describe('a graceful shutdown under load, with a data directory', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wharf-shutdown-'));
  const agents: Agent[] = [];
  const clients: sqs.SQSClient[] = [];
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const agent of agents) agent.destroy();
    for (const server of servers) await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<sqs.SQSClient> {
    const server = await startServerProcess({ WHARF_DATA_DIR: dataDir });
    servers.push(server);
    const agent = pooledAgent(WAITERS + SENDERS + 4);
    agents.push(agent);
    const client = pooledSqs(server.url, agent);
    clients.push(client);
    return client;
  }

  it('answers waiting receives empty at once, and after a restart has every acknowledged send and every message that was in flight', async () => {
    const client = await start();
    const server = servers[0]!;
    const work = (await client.send(new sqs.CreateQueueCommand({ QueueName: 'work', Attributes: { VisibilityTimeout: '300' } }))).QueueUrl!;
    const idle = (await client.send(new sqs.CreateQueueCommand({ QueueName: 'idle' }))).QueueUrl!;
    await Promise.all(
      Array.from({ length: PRELOADED / 10 }, (_, b) =>
        client.send(
          new sqs.SendMessageBatchCommand({
            QueueUrl: work,
            Entries: Array.from({ length: 10 }, (_, k) => ({ Id: String(k), MessageBody: `preloaded ${b * 10 + k}` })),
          }),
        ),
      ),
    );
    const inFlight: sqs.Message[] = [];
    while (inFlight.length < IN_FLIGHT) {
      const { Messages = [] } = await client.send(
        new sqs.ReceiveMessageCommand({ QueueUrl: work, MaxNumberOfMessages: Math.min(10, IN_FLIGHT - inFlight.length) }),
      );
      inFlight.push(...Messages);
    }

    const waiting = Array.from({ length: WAITERS }, () => client.send(new sqs.ReceiveMessageCommand({ QueueUrl: idle, WaitTimeSeconds: 20 })));
    while ((await server.stats()).sqsWaiting < WAITERS) await sleep(20);

    // Senders keep going until the server stops answering; what it acknowledged must survive.
    const acknowledged = new Set<string>();
    const unacknowledged = new Set<string>();
    let stopSending = false;
    const senders = Array.from({ length: SENDERS }, async (_, s) => {
      for (let n = 0; !stopSending; n++) {
        const body = `sender ${s} message ${n}`;
        try {
          await client.send(new sqs.SendMessageCommand({ QueueUrl: work, MessageBody: body }));
          acknowledged.add(body);
        } catch {
          unacknowledged.add(body); // refused or cut off by the shutdown: may or may not be stored
          stopSending = true;
        }
      }
    });
    while (acknowledged.size < 200) await sleep(10);

    const stoppingAt = Date.now();
    const exitCode = server.stop();
    const answers = await Promise.allSettled(waiting);
    const answeredMs = Date.now() - stoppingAt;
    expect(await exitCode).toBe(0);
    const exitedMs = Date.now() - stoppingAt;
    stopSending = true;
    await Promise.all(senders);
    console.info(
      `shutdown under load: long polls answered ${answeredMs} ms after SIGTERM, exited after ${exitedMs} ms; ${acknowledged.size} sends acknowledged, ${unacknowledged.size} cut off`,
    );
    // Answered, empty, long before their 20 s were up; the keep-alive connections they were on
    // did not hold the process either (see the next test).
    expect(answers.map((a) => (a.status === 'fulfilled' ? (a.value.Messages ?? []).length : a.reason))).toEqual(Array(WAITERS).fill(0));
    expect(answeredMs).toBeLessThan(10_000);
    expect(exitedMs).toBeLessThan(10_000);

    const restarted = await start();
    // The in-flight messages are still in flight, and their receipt handles still work.
    const counts = await restarted.send(new sqs.GetQueueAttributesCommand({ QueueUrl: work, AttributeNames: ['ApproximateNumberOfMessagesNotVisible'] }));
    expect(counts.Attributes!.ApproximateNumberOfMessagesNotVisible).toBe(String(IN_FLIGHT));
    await Promise.all(
      inFlight.map((m) => restarted.send(new sqs.ChangeMessageVisibilityCommand({ QueueUrl: work, ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 }))),
    );

    const bodies: string[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (;;) {
          const { Messages = [] } = await restarted.send(new sqs.ReceiveMessageCommand({ QueueUrl: work, MaxNumberOfMessages: 10, VisibilityTimeout: 300 }));
          if (Messages.length === 0) return;
          bodies.push(...Messages.map((m) => m.Body!));
        }
      }),
    );
    const expected = [...Array.from({ length: PRELOADED }, (_, n) => `preloaded ${n}`), ...acknowledged];
    expect(bodies.length).toBe(new Set(bodies).size); // nothing twice
    expect(expected.filter((body) => !bodies.includes(body))).toEqual([]); // nothing acknowledged lost
    expect(bodies.filter((body) => !expected.includes(body) && !unacknowledged.has(body))).toEqual([]); // nothing invented
    // The receives that were waiting claimed nothing on the way out.
    const idleCounts = await restarted.send(
      new sqs.GetQueueAttributesCommand({ QueueUrl: idle, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    expect(idleCounts.Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
  }, 60_000);

  it('closes the connection of a long poll it answers on the way out, so a keep-alive client cannot hold the shutdown', async () => {
    const server = await startTestServer();
    const client = connectSqs('json', server.url).client;
    const { QueueUrl } = await client.send(new sqs.CreateQueueCommand({ QueueName: 'waited-on' }));
    client.destroy();
    const body = JSON.stringify({ QueueUrl, WaitTimeSeconds: 20 });
    const socket = connect(server.port, '127.0.0.1');
    const reply: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => reply.push(chunk));
    const ended = new Promise((resolve) => socket.once('end', resolve));
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST / HTTP/1.1\r\nHost: wharf\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: AmazonSQS.ReceiveMessage\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    while (server.emulator.sqs.signals.waiting === 0) await sleep(5);

    // The client keeps its connection (as SDK agents do): close must finish anyway, not after the 72 s keep-alive timeout.
    await server.close();
    await ended;
    expect(Buffer.concat(reply).toString()).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*connection: close\r\n[\s\S]*\r\n\r\n\{\}$/i);
    socket.destroy();
  });
});
