import { AwsError } from '../../../errors.js';
import { parseArn } from '../../../arn.js';
import type { Protocol } from '../engine/types.js';
import { snsErrors } from '../errors.js';
import { E164 } from './phone-number.js';
import { checkTopicArn, ownerOf, type SnsOperation } from './types.js';

const PROTOCOLS = new Set<Protocol>(['sqs', 'http', 'https', 'lambda', 'email', 'email-json', 'sms', 'application', 'firehose']);

export const subscribe: SnsOperation<'Subscribe'> = ({ sns, mobile }, input, ctx) => {
  const topicArn = checkTopicArn(input.TopicArn, ctx);
  const protocol = input.Protocol as Protocol;
  if (!PROTOCOLS.has(protocol)) throw snsErrors.invalidParameter(`Amazon SNS does not support this protocol string: ${input.Protocol}`);
  const endpoint = input.Endpoint ?? '';
  checkEndpoint(protocol, endpoint);
  if (protocol === 'application' && !mobile.findPlatformEndpoint(endpoint)) {
    // AWS's text, without a space before the ARN.
    throw snsErrors.invalidParameter(`Endpoint Reason: Endpoint does not exist for endpoint arn${endpoint}`);
  }
  const fifoTopic = topicArn.endsWith('.fifo');
  if (protocol === 'sqs' && endpoint.endsWith('.fifo') && !fifoTopic) {
    // Recorded against AWS (LocalStack snapshot), "Invalid parameter" twice included.
    throw snsErrors.invalidParameter('Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics');
  }
  if (fifoTopic && protocol !== 'sqs') {
    // AWS's words, e.g. "Invalid parameter: Invalid protocol type: sms" (a real response quoted in
    // hashicorp/terraform-provider-aws#38441; ": lambda" in hashicorp/terraform#28632).
    throw snsErrors.invalidParameter(`Invalid protocol type: ${protocol}`);
  }
  const subscription = sns.subscribe(topicArn, protocol, endpoint, input.Attributes ?? {}, ownerOf(ctx), { baseUrl: ctx.baseUrl });
  if (subscription.pendingConfirmation && !input.ReturnSubscriptionArn) return { SubscriptionArn: 'pending confirmation' };
  return { SubscriptionArn: subscription.arn };
};

/** AWS's rules for each protocol's endpoint. Messages marked † are unverified against AWS. */
function checkEndpoint(protocol: Protocol, endpoint: string): void {
  const arn = parseArn(endpoint);
  switch (protocol) {
    case 'http':
    case 'https':
      if (!endpoint.toLowerCase().startsWith(`${protocol}://`)) throw snsErrors.invalidParameter('Endpoint must match the specified protocol');
      return;
    case 'sqs':
      if (arn?.service !== 'sqs') throw snsErrors.invalidParameter('SQS endpoint ARN');
      return;
    case 'lambda':
      if (arn?.service !== 'lambda') throw snsErrors.invalidParameter('Lambda endpoint ARN'); // †
      return;
    case 'firehose':
      if (arn?.service !== 'firehose') throw snsErrors.invalidParameter('Firehose endpoint ARN'); // †
      return;
    case 'application':
      if (arn?.service !== 'sns' || !arn.resource.startsWith('endpoint/')) throw snsErrors.invalidParameter('ApplicationEndpoint ARN');
      return;
    case 'sms':
      if (!E164.test(endpoint.replace(/[\s()-]/g, ''))) throw new AwsError('InvalidParameterException', `Invalid SMS endpoint: ${endpoint}`);
      return;
    case 'email':
    case 'email-json':
      // AWS's words: an AWS CLI transcript and the X-Ray developer guide quote "Invalid parameter: Email address".
      if (!/^[^@\s]+@[^@\s]+$/.test(endpoint)) throw snsErrors.invalidParameter('Email address');
      return;
  }
}
