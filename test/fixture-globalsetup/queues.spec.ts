import { CreateQueueCommand, ListQueuesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, afterEach, expect, inject, it } from 'vitest';
import { connectWharf } from 'wharf-emulator/testing';

// The server lives in the globalSetup's process; this file reaches it through its endpoint.
const wharf = connectWharf({ endpoint: inject('wharfEndpoint') });
const sqs = new SQSClient(wharf.clientConfig);
afterEach(() => wharf.reset());
afterAll(() => sqs.destroy());

it('talks to the wharf the globalSetup started, and moves its clock', async () => {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'from-global-setup', Attributes: { VisibilityTimeout: '30' } }));
  await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'hello' }));
  expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages).toHaveLength(1);
  await wharf.clock.advance({ seconds: 30 });
  expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages?.[0]?.Body).toBe('hello');
});

it('starts from a clean wharf after reset', async () => {
  expect((await sqs.send(new ListQueuesCommand({}))).QueueUrls ?? []).toEqual([]);
  expect((await wharf.clock.now()).getTime() - Date.now()).toBeLessThan(5_000);
});
