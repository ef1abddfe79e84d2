import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Emulator } from '../../../emulator.js';
import { problemsOf } from '../zod-problems.js';
import { DELIVERY_OUTCOMES, type Delivery } from '../../../services/sns/engine/delivery-log.js';

const SENT_KINDS = new Set(['sms', 'email', 'email-json', 'push', 'lambda', 'firehose']);
const MAX_DELIVERIES_LIMIT = 1000;

const sentQuery = z.strictObject({ target: z.string().min(1).optional() });

const deliveriesQuery = z.strictObject({
  topicArn: z.string().min(1).optional(),
  subscriptionArn: z.string().min(1).optional(),
  messageId: z.string().min(1).optional(),
  outcome: z.enum(DELIVERY_OUTCOMES).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_DELIVERIES_LIMIT).default(100),
});

/**
 * SNS inspection: topics of every account and region, a topic's subscriptions, the delivery
 * log, and what wharf "sent" to sinks it cannot reach. Read-only: nothing here changes state.
 */
export function registerSnsInspectionRoutes(app: FastifyInstance, emulator: Emulator): void {
  const inspection = emulator.sns.inspection;

  app.get('/_wharf/sns/topics', async () => ({ topics: inspection.topics() }));

  // /_wharf/sns/topics/:topicArn, the ARN URL-encoded (Fastify decodes it). A wildcard, since a
  // route parameter is capped at 100 characters and an ARN with a 256-character name is longer.
  app.get<{ Params: { '*': string } }>('/_wharf/sns/topics/*', async (request, reply) => {
    const topicArn = request.params['*'];
    const detail = inspection.topic(topicArn);
    if (!detail) return reply.code(404).send({ error: `no topic ${topicArn}` });
    return detail;
  });

  app.get('/_wharf/sns/deliveries', async (request, reply) => {
    const parsed = deliveriesQuery.safeParse(request.query);
    if (!parsed.success) return reply.code(400).send({ error: problemsOf(parsed.error, 'query') });
    const { limit, ...filter } = parsed.data;
    return { deliveries: inspection.deliveries(filter, limit).map(toJson) };
  });

  // What SNS "sent" where wharf cannot really send: sms (by phone number), email and email-json
  // (by address), push (by endpoint ARN), lambda (by function ARN), firehose (by stream ARN).
  app.get<{ Params: { kind: string } }>('/_wharf/sns/sent/:kind', async (request, reply) => {
    const { kind } = request.params;
    if (!SENT_KINDS.has(kind)) return reply.code(404).send({ error: `unknown kind ${kind}; one of ${[...SENT_KINDS].join(', ')}` });
    const parsed = sentQuery.safeParse(request.query);
    if (!parsed.success) return reply.code(400).send({ error: problemsOf(parsed.error, 'query') });
    return { messages: emulator.sns.sentMessages(kind, parsed.data.target) };
  });
}

/** A delivery on the wire: times as ISO-8601, optional fields only when they mean something. */
function toJson(delivery: Delivery): Record<string, unknown> {
  const { id, topicArn, subscriptionArn, protocol, endpoint, messageId, outcome, reason, attempts, nextAttemptAtMs, deadLetterArn } = delivery;
  return {
    id,
    at: new Date(delivery.atMs).toISOString(),
    topicArn,
    subscriptionArn,
    protocol,
    endpoint,
    messageId,
    outcome,
    ...(reason !== undefined ? { reason } : {}),
    attempts,
    ...(nextAttemptAtMs !== undefined ? { nextAttemptAt: new Date(nextAttemptAtMs).toISOString() } : {}),
    ...(deadLetterArn !== undefined ? { deadLetterArn } : {}),
  };
}
