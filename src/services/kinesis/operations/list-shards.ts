import type { ShardFilter } from '../../../generated/kinesis.js';
import type { ShardView, StreamKey } from '../engine/types.js';
import { kinesisError, kinesisErrors } from '../errors.js';
import { LIST_SHARDS_DEFAULT_LIMIT } from '../limits.js';
import { decodePageToken, encodePageToken } from '../../../page-token.js';
import { shardShape } from './output-shapes.js';
import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation } from './types.js';

interface PageToken {
  key: StreamKey;
  after: string;
  filter?: { type: ShardFilter['Type']; shardId?: string; timestampMs?: number };
  issuedAtMs: number;
}

/** NextToken expires after 300 seconds, like AWS's. */
const TOKEN_TTL_MS = 300_000;

export const listShards: KinesisOperation<'ListShards'> = (engine, input, ctx) => {
  const named = input.StreamName !== undefined || input.StreamARN !== undefined;
  if (!named && input.NextToken === undefined) throw kinesisErrors.invalidArgument('Either NextToken or StreamName should be provided.');
  if (input.StreamName !== undefined && input.NextToken !== undefined)
    throw kinesisErrors.invalidArgument('NextToken and StreamName cannot be provided together.');
  const now = engine.access.clock.now();
  let token: PageToken;
  if (input.NextToken !== undefined) {
    const invalid = () => kinesisErrors.invalidArgument('Invalid NextToken.');
    const decoded = decodePageToken<PageToken>(input.NextToken, invalid);
    if (!decoded.key) throw invalid();
    if (now - decoded.issuedAtMs > TOKEN_TTL_MS) throw kinesisError('ExpiredNextTokenException', 'The NextToken has expired.');
    token = decoded;
  } else {
    const filter = input.ShardFilter;
    token = {
      key: streamKeyOf(input, ctx),
      after: input.ExclusiveStartShardId ?? '',
      ...(filter
        ? {
            filter: {
              type: filter.Type,
              ...(filter.ShardId ? { shardId: filter.ShardId } : {}),
              ...(filter.Timestamp ? { timestampMs: filter.Timestamp.getTime() } : {}),
            },
          }
        : {}),
      issuedAtMs: now,
    };
  }
  const view = engine.describeStream(token.key);
  const matching = view.shards.filter(
    (s) => s.shardId > token.after && matchesFilter(s, token.filter, now - view.retentionHours * 3_600_000, view.createdAtMs),
  );
  const max = input.MaxResults ?? LIST_SHARDS_DEFAULT_LIMIT;
  const page = matching.slice(0, max);
  const more = matching.length > max;
  return { Shards: page.map(shardShape), ...(more ? { NextToken: encodePageToken({ ...token, after: page.at(-1)!.shardId, issuedAtMs: now }) } : {}) };
};

/** https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ShardFilter.html */
function matchesFilter(shard: ShardView, filter: PageToken['filter'], trimHorizonMs: number, streamCreatedAtMs: number): boolean {
  if (!filter) return true;
  const openAt = (t: number) => shard.createdAtMs <= t && (shard.closedAtMs === undefined || shard.closedAtMs > t);
  switch (filter.type) {
    case 'AFTER_SHARD_ID':
      return filter.shardId === undefined || shard.shardId > filter.shardId;
    case 'AT_LATEST':
      return shard.closedAtMs === undefined;
    case 'AT_TRIM_HORIZON':
      return openAt(Math.max(trimHorizonMs, streamCreatedAtMs));
    case 'FROM_TRIM_HORIZON':
      return true;
    case 'AT_TIMESTAMP':
      return openAt(Math.max(filter.timestampMs ?? 0, streamCreatedAtMs));
    case 'FROM_TIMESTAMP':
      return shard.closedAtMs === undefined || shard.closedAtMs >= (filter.timestampMs ?? 0);
  }
}
