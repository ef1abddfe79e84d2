import type { KinesisOperation } from './types.js';

export const describeLimits: KinesisOperation<'DescribeLimits'> = (engine, _input, ctx) => {
  const limits = engine.describeLimits(ctx.accountId, ctx.region);
  return {
    ShardLimit: limits.shardLimit,
    OpenShardCount: limits.openShardCount,
    OnDemandStreamCount: limits.onDemandStreamCount,
    OnDemandStreamCountLimit: limits.onDemandStreamCountLimit,
  };
};
