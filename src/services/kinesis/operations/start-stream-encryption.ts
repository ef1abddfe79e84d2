import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation } from './types.js';

export const startStreamEncryption: KinesisOperation<'StartStreamEncryption'> = (engine, input, ctx) => {
  engine.setEncryption(streamKeyOf(input, ctx), input.EncryptionType, input.KeyId);
};
