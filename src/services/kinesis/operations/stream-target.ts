import { consumerOfArn, streamKeyOfArn as parseStreamArn } from '../../../arn.js';
import type { RequestContext } from '../../../protocol/service.js';
import type { StreamKey } from '../engine/types.js';
import { kinesisErrors } from '../errors.js';
import type { StreamTarget } from './types.js';

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
  const key = parseStreamArn(arn);
  // Unverified against AWS: the exact wording.
  if (!key) throw kinesisErrors.invalidArgument(`Invalid StreamARN ${arn}.`);
  return key;
}

/** A ResourceARN (TagResource, resource policies): a stream or one of its consumers. */
export function resourceOfArn(arn: string): { key: StreamKey; consumerName?: string } {
  const consumer = consumerOfArn(arn);
  if (consumer) return { key: consumer.stream, consumerName: consumer.consumerName };
  return { key: streamKeyOfArn(arn) };
}

/** A consumer named by ConsumerARN, or by StreamARN and ConsumerName. */
export function consumerTargetOf(input: { StreamARN?: string; ConsumerName?: string; ConsumerARN?: string }): { key: StreamKey; name: string } {
  if (input.ConsumerARN !== undefined) {
    const consumer = consumerOfArn(input.ConsumerARN);
    if (!consumer) throw kinesisErrors.invalidArgument(`Invalid ConsumerARN ${input.ConsumerARN}.`);
    return { key: consumer.stream, name: consumer.consumerName };
  }
  if (input.StreamARN !== undefined && input.ConsumerName !== undefined) return { key: streamKeyOfArn(input.StreamARN), name: input.ConsumerName };
  // Unverified against AWS: the exact wording.
  throw kinesisErrors.invalidArgument('Either ConsumerARN or both ConsumerName and StreamARN must be provided.');
}
