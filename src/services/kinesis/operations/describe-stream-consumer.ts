import { consumerShape } from './output-shapes.js';
import { consumerTargetOf } from './stream-target.js';
import type { KinesisOperation } from './types.js';

export const describeStreamConsumer: KinesisOperation<'DescribeStreamConsumer'> = (engine, input) => {
  const { key, name } = consumerTargetOf(input);
  const consumer = engine.consumers.describe(key, name);
  return { ConsumerDescription: { ...consumerShape(consumer), StreamARN: consumer.streamArn } };
};
