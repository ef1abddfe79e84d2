import { parseArn } from '../../../arn.js';
import { AwsError } from '../../../errors.js';
import type { RequestContext } from '../../../protocol/service.js';
import type { PublishResult } from '../engine/types.js';
import { snsErrors } from '../errors.js';
import { MAX_MESSAGE_BYTES } from '../limits.js';
import { checkAttributes, checkSubject, parseStructure, publishSize, toMessage, toOutput, type PublishFields } from './message-input.js';
import { E164 } from './phone-number.js';
import { checkTopicArn, ownerOf, type SnsEngines, type SnsOperation } from './types.js';

interface PublishInput extends PublishFields {
  TopicArn?: string;
  TargetArn?: string;
  PhoneNumber?: string;
}

export const publish: SnsOperation<'Publish'> = (engines, input, ctx) => {
  if (input.Subject !== undefined) checkSubject(input.Subject);
  if (input.Message === '') throw snsErrors.invalidParameter('Empty message');
  if (input.PhoneNumber !== undefined && !E164.test(input.PhoneNumber)) {
    throw snsErrors.invalidParameter(`PhoneNumber Reason: ${input.PhoneNumber} is not valid to publish to`);
  }
  checkAttributes(input.MessageAttributes ?? {}, undefined);
  if (publishSize(input) > MAX_MESSAGE_BYTES) throw snsErrors.invalidParameter('Message too long');
  const targetArn = input.TopicArn ?? input.TargetArn;
  if (input.PhoneNumber !== undefined) return toOutput(publishToPhone(engines, input, ctx));
  if (targetArn === undefined) throw snsErrors.invalidParameter('TopicArn or TargetArn Reason: no value for required parameter');
  const parsed = parseArn(targetArn);
  if (parsed?.service === 'sns' && parsed.resource.startsWith('endpoint/')) return toOutput(publishToEndpoint(engines, targetArn, input));
  const topicArn = checkTopicArn(targetArn, ctx, input.TopicArn !== undefined ? 'TopicArn' : 'TargetArn');
  const message = toMessage(engines, topicArn, input);
  return toOutput(engines.sns.publish(topicArn, message, { baseUrl: ctx.baseUrl }));
};

function publishToPhone(engines: SnsEngines, input: PublishInput, ctx: RequestContext): PublishResult {
  const message = input.MessageStructure === 'json' ? (parseStructure(input.Message, true).sms ?? parseStructure(input.Message, true).default!) : input.Message;
  const messageId = engines.sns.recordDirect(ownerOf(ctx), 'sms', input.PhoneNumber!, {
    message,
    attributes: input.MessageAttributes ? Object.fromEntries(Object.entries(input.MessageAttributes).map(([k, v]) => [k, v.StringValue ?? ''])) : {},
    optedOut: engines.mobile.isOptedOut(ownerOf(ctx), input.PhoneNumber!),
  });
  return { messageId };
}

function publishToEndpoint(engines: SnsEngines, endpointArn: string, input: PublishInput): PublishResult {
  const endpoint = engines.mobile.findPlatformEndpoint(endpointArn);
  if (!endpoint) throw snsErrors.invalidParameter('TargetArn Reason: No endpoint found for the target arn specified');
  const attributes = JSON.parse(endpoint.attributes_json) as Record<string, string>;
  if (attributes.Enabled?.toLowerCase() !== 'true') throw new AwsError('EndpointDisabledException', 'Endpoint is disabled');
  const platform = /:app\/([^/]+)\//.exec(endpoint.application_arn)?.[1] ?? '';
  // A direct publish may carry only the platform's key (no default).
  const structured = input.MessageStructure === 'json' ? parseStructure(input.Message, false) : undefined;
  const message = structured ? (structured[platform] ?? structured.default) : input.Message;
  if (message === undefined) throw snsErrors.invalidParameter('Message Structure - No default entry in JSON message body');
  const parsed = parseArn(endpointArn)!;
  const messageId = engines.sns.recordDirect({ accountId: parsed.accountId, region: parsed.region }, 'push', endpointArn, {
    platform,
    token: endpoint.token,
    message,
    ...(input.Subject !== undefined ? { subject: input.Subject } : {}),
  });
  return { messageId };
}
