import type { KinesisOperation } from './types.js';

/** The minimum-throughput billing commitment; DISABLED until UpdateAccountSettings enables it. */
export const describeAccountSettings: KinesisOperation<object, unknown> = (engine, _input, ctx) => {
  const settings = engine.accountSettings(ctx.accountId, ctx.region) as { status?: string; startedAtMs?: number };
  return { MinimumThroughputBillingCommitment: { Status: settings.status ?? 'DISABLED', ...(settings.startedAtMs ? { StartedAt: new Date(settings.startedAtMs) } : {}) } };
};
