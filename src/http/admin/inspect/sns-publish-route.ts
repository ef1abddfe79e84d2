import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { WharfConfig } from '../../../cli/config.js';
import type { Emulator } from '../../../emulator.js';
import { AwsError } from '../../../errors.js';
import { parseArn } from '../../../arn.js';
import { defined, invokeAs, jsonBodyOf, notFound, parseWith, unknownEndpoint, useAdminErrors } from './admin-replies.js';

/** An attribute as AWS JSON carries it (BinaryValue in base64); the SNS model checks the rest. */
const messageAttribute = z.object({ DataType: z.string(), StringValue: z.string().optional(), BinaryValue: z.string().optional() }).strict();

const publishBody = z
  .object({
    message: z.string(),
    subject: z.string().optional(),
    messageGroupId: z.string().optional(),
    deduplicationId: z.string().optional(),
    messageAttributes: z.record(z.string(), messageAttribute).optional(),
  })
  .strict();

/**
 * The dashboard's publish: `POST /_wharf/sns/topics/:topicArn/publish` (the ARN URL-encoded) runs
 * as the SNS Publish an SDK would call in the topic's account and region, so fan-out, filter
 * policies and AWS's checks all apply. (The /_wharf/sns reads live beside it.)
 */
export function registerSnsPublish(app: FastifyInstance, emulator: Emulator, config: WharfConfig): void {
  app.register(async (scope) => {
    useAdminErrors(scope);

    // A wildcard, not `:topicArn`: Fastify caps a route parameter at 100 characters, and an ARN
    // with a 256-character topic name is longer. ARNs hold no `/`, so the action is what follows the last one.
    scope.post<{ Params: { '*': string } }>('/_wharf/sns/topics/*', async (request) => {
      const path = request.params['*'];
      const slash = path.lastIndexOf('/');
      if (slash < 0 || path.slice(slash + 1) !== 'publish') throw unknownEndpoint(request.method, request.url);
      const topicArn = path.slice(0, slash);
      const arn = parseArn(topicArn);
      if (arn?.service !== 'sns' || !topicExists(emulator, topicArn)) throw notFound(`There is no topic ${topicArn}.`);
      const body = parseWith(publishBody, jsonBodyOf(request));
      const input = defined({
        TopicArn: topicArn,
        Message: body.message,
        Subject: body.subject,
        MessageGroupId: body.messageGroupId,
        MessageDeduplicationId: body.deduplicationId,
        MessageAttributes: body.messageAttributes,
      });
      const where = { service: 'sns' as const, accountId: arn.accountId, region: arn.region };
      const published = (await invokeAs(emulator, config, request, where, 'Publish', input)) as { MessageId: string; SequenceNumber?: string };
      return defined({ messageId: published.MessageId, sequenceNumber: published.SequenceNumber });
    });
  });
}

function topicExists(emulator: Emulator, topicArn: string): boolean {
  try {
    emulator.sns.getTopic(topicArn);
    return true;
  } catch (err) {
    if (err instanceof AwsError) return false;
    throw err;
  }
}
