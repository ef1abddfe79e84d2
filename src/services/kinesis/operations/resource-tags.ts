import type { KinesisEngine } from '../engine/kinesis-engine.js';
import { resourceOfArn } from './stream-target.js';

/** Tags of the stream or consumer a ResourceARN names. */
export function resourceTags(
  engine: KinesisEngine,
  arn: string,
): { get(): Record<string, string>; add(tags: Record<string, string>): void; remove(keys: string[]): void } {
  const { key, consumerName } = resourceOfArn(arn);
  if (consumerName === undefined) {
    return { get: () => engine.tagsOf(key), add: (tags) => engine.addTags(key, tags), remove: (keys) => engine.removeTags(key, keys) };
  }
  return {
    get: () => engine.consumers.tagsOf(key, consumerName),
    add: (tags) => engine.consumers.changeTags(key, consumerName, (t) => ({ ...t, ...tags })),
    remove: (keys) => engine.consumers.changeTags(key, consumerName, (t) => Object.fromEntries(Object.entries(t).filter(([k]) => !keys.includes(k)))),
  };
}
