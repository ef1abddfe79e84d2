import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation } from './types.js';

export const stopStreamEncryption: KinesisOperation<'StopStreamEncryption'> = (engine, input, ctx) => {
  engine.setEncryption(streamKeyOf(input, ctx), 'NONE', undefined);
};
