import type { MinimumThroughputBillingCommitmentOutputStatus } from '../../../generated/kinesis.js';
import type { KinesisOperation } from './types.js';

/** The minimum-throughput billing commitment; DISABLED until UpdateAccountSettings enables it. */
export const describeAccountSettings: KinesisOperation<'DescribeAccountSettings'> = (engine, _input, ctx) => {
  const settings = engine.accountSettings(ctx.accountId, ctx.region) as { status?: MinimumThroughputBillingCommitmentOutputStatus; startedAtMs?: number };
  return {
    MinimumThroughputBillingCommitment: {
      Status: settings.status ?? 'DISABLED',
      ...(settings.startedAtMs ? { StartedAt: new Date(settings.startedAtMs) } : {}),
    },
  };
};
