import type { KinesisOperation } from './types.js';

export const updateAccountSettings: KinesisOperation<'UpdateAccountSettings'> = (engine, input, ctx) => {
  const status = input.MinimumThroughputBillingCommitment.Status;
  const startedAtMs = status === 'ENABLED' ? engine.access.clock.now() : undefined;
  engine.updateAccountSettings(ctx.accountId, ctx.region, { status, ...(startedAtMs ? { startedAtMs } : {}) });
  return { MinimumThroughputBillingCommitment: { Status: status, ...(startedAtMs ? { StartedAt: new Date(startedAtMs) } : {}) } };
};
