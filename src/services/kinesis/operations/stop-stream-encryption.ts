import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation, StreamTarget } from './types.js';

export const stopStreamEncryption: KinesisOperation<StreamTarget & { EncryptionType: string; KeyId: string }> = (engine, input, ctx) => {
  engine.setEncryption(streamKeyOf(input, ctx), 'NONE', undefined);
};
