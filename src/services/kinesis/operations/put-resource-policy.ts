import { kinesisErrors } from '../errors.js';
import { requireResource } from './resource-policies.js';
import type { KinesisOperation } from './types.js';

export const putResourcePolicy: KinesisOperation<'PutResourcePolicy'> = (engine, input) => {
  const { accountId, region } = requireResource(engine, input.ResourceARN);
  try {
    JSON.parse(input.Policy);
  } catch {
    // Unverified against AWS: the exact wording.
    throw kinesisErrors.invalidArgument('Policy is not a valid JSON document.');
  }
  engine.putResourcePolicy(accountId, region, input.ResourceARN, input.Policy);
};
