import { consumerShape } from './output-shapes.js';
import { streamKeyOfArn } from './stream-target.js';
import type { KinesisOperation } from './types.js';

export const registerStreamConsumer: KinesisOperation<'RegisterStreamConsumer'> = (engine, input) => {
  const consumer = engine.consumers.register(streamKeyOfArn(input.StreamARN), input.ConsumerName, input.Tags ?? {});
  return { Consumer: consumerShape(consumer) };
};
