import { requireResource } from './resource-policies.js';
import type { KinesisOperation } from './types.js';

export const deleteResourcePolicy: KinesisOperation<'DeleteResourcePolicy'> = (engine, input) => {
  const { accountId, region } = requireResource(engine, input.ResourceARN);
  engine.putResourcePolicy(accountId, region, input.ResourceARN, undefined);
};
