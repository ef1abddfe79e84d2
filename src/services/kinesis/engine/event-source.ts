import type { KinesisEngine } from './kinesis-engine.js';
import type { StreamKey } from './types.js';

const STREAM_ARN = /^arn:aws:kinesis:([^:]+):(\d{12}):stream\/([^/]+)$/;

export function streamKeyOfArn(arn: string): StreamKey | undefined {
  const m = STREAM_ARN.exec(arn);
  return m ? { region: m[1]!, accountId: m[2]!, name: m[3]! } : undefined;
}

/**
 * What Kinesis offers Lambda event source mappings (STYLE habit 8): find a stream by ARN, list
 * its shards with their lineage, and read a shard from a position. Nothing else of Kinesis.
 */
export interface KinesisEventSourcePort {
  streamExists(arn: string): boolean;
}

export function kinesisEventSourcePort(kinesis: KinesisEngine): KinesisEventSourcePort {
  return {
    streamExists(arn) {
      const key = streamKeyOfArn(arn);
      if (!key) return false;
      try {
        kinesis.describeStream(key);
        return true;
      } catch {
        return false;
      }
    },
  };
}
