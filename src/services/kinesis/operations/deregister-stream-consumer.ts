import { consumerTargetOf } from './stream-target.js';
import type { KinesisOperation } from './types.js';

export const deregisterStreamConsumer: KinesisOperation<'DeregisterStreamConsumer'> = (engine, input) => {
  const { key, name } = consumerTargetOf(input);
  engine.consumers.deregister(key, name);
};
