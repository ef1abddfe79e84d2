import type { RequestContext } from '../../../protocol/service.js';
import type { StreamKey } from '../engine/types.js';
import { kinesisErrors } from '../errors.js';
import type { StreamTarget } from './types.js';

const STREAM_ARN = /^arn:aws[\w-]*:kinesis:([^:]+):(\d{12}):stream\/([a-zA-Z0-9_.-]+)$/;
const CONSUMER_ARN = /^arn:aws[\w-]*:kinesis:([^:]+):(\d{12}):stream\/([a-zA-Z0-9_.-]+)\/consumer\/([a-zA-Z0-9_.-]+):\d+$/;

/**
 * The stream an operation names, by StreamARN (which carries its own account and region) or
 * StreamName (in the caller's). AWS accepts either or both.
 */
export function streamKeyOf(input: StreamTarget, ctx: RequestContext): StreamKey {
  if (input.StreamARN !== undefined) {
    const key = streamKeyOfArn(input.StreamARN);
    if (input.StreamName !== undefined && input.StreamName !== key.name) {
      // Unverified against AWS: the exact wording.
      throw kinesisErrors.invalidArgument(`StreamARN ${input.StreamARN} and StreamName ${input.StreamName} do not name the same stream.`);
    }
    return key;
  }
  if (input.StreamName !== undefined) return { accountId: ctx.accountId, region: ctx.region, name: input.StreamName };
  // Unverified against AWS: kinesis-mock's wording.
  throw kinesisErrors.invalidArgument('Neither StreamARN nor StreamName was provided.');
}

export function streamKeyOfArn(arn: string): StreamKey {
  const match = STREAM_ARN.exec(arn);
  // Unverified against AWS: the exact wording.
  if (!match) throw kinesisErrors.invalidArgument(`Invalid StreamARN ${arn}.`);
  return { region: match[1]!, accountId: match[2]!, name: match[3]! };
}

/** A ResourceARN (TagResource, resource policies): a stream or one of its consumers. */
export function resourceOfArn(arn: string): { key: StreamKey; consumerName?: string } {
  const consumer = CONSUMER_ARN.exec(arn);
  if (consumer) return { key: { region: consumer[1]!, accountId: consumer[2]!, name: consumer[3]! }, consumerName: consumer[4]! };
  return { key: streamKeyOfArn(arn) };
}

/** A consumer named by ConsumerARN, or by StreamARN and ConsumerName. */
export function consumerTargetOf(input: { StreamARN?: string; ConsumerName?: string; ConsumerARN?: string }): { key: StreamKey; name: string } {
  if (input.ConsumerARN !== undefined) {
    const match = CONSUMER_ARN.exec(input.ConsumerARN);
    if (!match) throw kinesisErrors.invalidArgument(`Invalid ConsumerARN ${input.ConsumerARN}.`);
    return { key: { region: match[1]!, accountId: match[2]!, name: match[3]! }, name: match[4]! };
  }
  if (input.StreamARN !== undefined && input.ConsumerName !== undefined) return { key: streamKeyOfArn(input.StreamARN), name: input.ConsumerName };
  // Unverified against AWS: the exact wording.
  throw kinesisErrors.invalidArgument('Either ConsumerARN or both ConsumerName and StreamARN must be provided.');
}
