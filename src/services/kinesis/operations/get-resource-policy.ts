import { requireResource } from './resource-policies.js';
import type { KinesisOperation } from './types.js';

/** A resource without a policy answers `{}` (unverified against AWS). */
export const getResourcePolicy: KinesisOperation<'GetResourcePolicy'> = (engine, input) => {
  const { accountId, region } = requireResource(engine, input.ResourceARN);
  return { Policy: engine.resourcePolicy(accountId, region, input.ResourceARN) ?? '{}' };
};
