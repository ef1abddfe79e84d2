import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { WharfConfig } from '../../../cli/config.js';
import type { Emulator } from '../../../emulator.js';
import type { MessageAttribute } from '../../../services/sqs/engine/message-md5.js';
import type { MessageView, QueueSummary } from '../../../services/sqs/engine/inspection.js';
import { queueArnOf } from '../../../arn.js';
import type { QueueKey } from '../../../services/sqs/engine/types.js';
import { queueUrlOf } from '../../../services/sqs/queue-url.js';
import { baseUrlOf } from '../../base-url.js';
import { defined, invokeAs, isoOf, jsonBodyOf, limitQuery, notFound, parseWith, useAdminErrors } from './admin-replies.js';

const QUEUE = '/_wharf/sqs/queues/:accountId/:region/:name';
type QueueParams = { Params: QueueKey };

const messagesQuery = z.object({ limit: limitQuery(100, 1000) });

/** An attribute as AWS JSON carries it (BinaryValue in base64); the SQS model checks the rest. */
const messageAttribute = z.object({ DataType: z.string(), StringValue: z.string().optional(), BinaryValue: z.string().optional() }).strict();

const sendBody = z
  .object({
    body: z.string(),
    messageGroupId: z.string().optional(),
    deduplicationId: z.string().optional(),
    delaySeconds: z.number().int().optional(),
    messageAttributes: z.record(z.string(), messageAttribute).optional(),
  })
  .strict();

const redriveBody = z
  .object({
    /** Unset: each message goes back to the queue it was dead-lettered from. */
    destinationArn: z.string().optional(),
    maxNumberOfMessagesPerSecond: z.number().int().optional(),
  })
  .strict();

/**
 * /_wharf/sqs: every queue with its counts, one queue's attributes and messages (read-only:
 * nothing is received, counted or swept), and the dashboard's actions — send, purge, redrive —
 * which run as the SQS operations an SDK would call, with AWS's checks and errors.
 */
export function registerSqsInspection(app: FastifyInstance, emulator: Emulator, config: WharfConfig): void {
  const inspection = emulator.sqs.inspection;
  const urlOf = (request: FastifyRequest, key: QueueKey) => queueUrlOf(key, { baseUrl: baseUrlOf(request, config) });
  const noSuchQueue = (key: QueueKey) => notFound(`There is no queue ${key.name} in account ${key.accountId}, region ${key.region}.`);
  const requireQueue = (key: QueueKey): void => {
    if (!inspection.exists(key)) throw noSuchQueue(key);
  };

  app.register(async (scope) => {
    useAdminErrors(scope);

    scope.get('/_wharf/sqs/queues', async (request) => ({ queues: inspection.queues().map((q) => queueJson(q, urlOf(request, q.key))) }));

    scope.get<QueueParams>(QUEUE, async (request) => {
      const queue = inspection.queue(request.params);
      if (!queue) throw noSuchQueue(request.params);
      const { deadLetterSources, moveTasks, attributes, tags, lastModifiedAtMs } = queue;
      return {
        queue: { ...queueJson(queue, urlOf(request, queue.key)), lastModifiedAt: isoOf(lastModifiedAtMs), attributes, tags },
        deadLetterSources: deadLetterSources.map((key) => ({ ...key, url: urlOf(request, key), arn: queueArnOf(key) })),
        moveTasks: moveTasks.map(({ startedAtMs, ...task }) => ({ ...task, startedAt: isoOf(startedAtMs) })),
      };
    });

    scope.get<QueueParams>(`${QUEUE}/messages`, async (request) => {
      const { limit } = parseWith(messagesQuery, request.query);
      const messages = inspection.messages(request.params, limit);
      if (!messages) throw noSuchQueue(request.params);
      return { messages: messages.map(messageJson) };
    });

    scope.post<QueueParams>(`${QUEUE}/messages`, async (request) => {
      const key = request.params;
      requireQueue(key);
      const body = parseWith(sendBody, jsonBodyOf(request));
      const input = defined({
        QueueUrl: urlOf(request, key),
        MessageBody: body.body,
        MessageGroupId: body.messageGroupId,
        MessageDeduplicationId: body.deduplicationId,
        DelaySeconds: body.delaySeconds,
        MessageAttributes: body.messageAttributes,
      });
      const sent = (await invokeAs(emulator, config, request, { service: 'sqs', ...key }, 'SendMessage', input)) as {
        MessageId: string;
        MD5OfMessageBody: string;
        SequenceNumber?: string;
      };
      return defined({ messageId: sent.MessageId, md5OfBody: sent.MD5OfMessageBody, sequenceNumber: sent.SequenceNumber });
    });

    scope.post<QueueParams>(`${QUEUE}/purge`, async (request) => {
      const key = request.params;
      requireQueue(key);
      await invokeAs(emulator, config, request, { service: 'sqs', ...key }, 'PurgeQueue', { QueueUrl: urlOf(request, key) });
      return { purged: true };
    });

    // Redrive: a message move task from this dead-letter queue, as the console's "Start DLQ redrive".
    scope.post<QueueParams>(`${QUEUE}/redrive`, async (request) => {
      const key = request.params;
      requireQueue(key);
      const body = parseWith(redriveBody, jsonBodyOf(request));
      const input = defined({
        SourceArn: queueArnOf(key),
        DestinationArn: body.destinationArn,
        MaxNumberOfMessagesPerSecond: body.maxNumberOfMessagesPerSecond,
      });
      const started = (await invokeAs(emulator, config, request, { service: 'sqs', ...key }, 'StartMessageMoveTask', input)) as { TaskHandle: string };
      return { taskHandle: started.TaskHandle };
    });
  });
}

function queueJson(queue: QueueSummary, url: string) {
  return {
    accountId: queue.key.accountId,
    region: queue.key.region,
    name: queue.key.name,
    url,
    arn: queue.arn,
    fifo: queue.fifo,
    createdAt: isoOf(queue.createdAtMs),
    counts: queue.counts,
    ...(queue.deadLetterTargetArn !== undefined ? { deadLetterTargetArn: queue.deadLetterTargetArn } : {}),
  };
}

function messageJson(message: MessageView) {
  const { sentAtMs, visibleAtMs, firstReceivedAtMs, messageAttributes, ...rest } = message;
  return {
    ...rest,
    sentAt: isoOf(sentAtMs),
    visibleAt: isoOf(visibleAtMs),
    ...(firstReceivedAtMs !== undefined ? { firstReceivedAt: isoOf(firstReceivedAtMs) } : {}),
    messageAttributes: attributesJson(messageAttributes),
  };
}

/** Message attributes as AWS JSON writes them: binary values in base64. */
function attributesJson(attributes: Record<string, MessageAttribute>) {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, a]) => [
      name,
      { DataType: a.DataType, ...(a.BinaryValue !== undefined ? { BinaryValue: a.BinaryValue.toString('base64') } : { StringValue: a.StringValue ?? '' }) },
    ]),
  );
}
