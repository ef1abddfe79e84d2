/**
 * How many messages (or records) a concurrency suite pushes through: `ciDefault` in CI, sized to
 * run in seconds on a loaded 2-core machine; for a long run, WHARF_STRESS_MESSAGES times `share`
 * (`npm run test:stress` sets 100,000: the SQS suites take all of it, SNS and Kinesis, whose
 * calls cost more, a share).
 */
export function stressMessages(ciDefault: number, share = 1, multipleOf = 1): number {
  const raw = process.env.WHARF_STRESS_MESSAGES;
  if (raw === undefined || raw === '') return ciDefault;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`WHARF_STRESS_MESSAGES must be a positive integer, not ${raw}`);
  return Math.max(multipleOf, Math.round((n * share) / multipleOf) * multipleOf);
}

/** Time limits: `ciMs` in CI, where a run over it means something is wrong; an hour for a long run. */
export function timeLimitMs(ciMs: number): number {
  return process.env.WHARF_STRESS_MESSAGES ? 3_600_000 : ciMs;
}
