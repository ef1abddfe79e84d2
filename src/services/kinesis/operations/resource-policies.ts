import type { KinesisEngine } from '../engine/kinesis-engine.js';
import { resourceOfArn } from './stream-target.js';

/** A resource policy's ARN must name an existing stream or consumer (ResourceNotFoundException otherwise). */
export function requireResource(engine: KinesisEngine, arn: string): { accountId: string; region: string } {
  const { key, consumerName } = resourceOfArn(arn);
  if (consumerName === undefined) engine.describeStream(key);
  else engine.consumers.describe(key, consumerName);
  return { accountId: key.accountId, region: key.region };
}
