import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runDurability } from '../../scripts/durability/run.js';

// The kill -9 run of scripts/durability.ts, bounded for CI: up to WHARF_DURABILITY_CYCLES cycles
// (default 300), but no new cycle after WHARF_DURABILITY_BUDGET_S seconds (default 50) once 10
// have run. Each cycle is a real wharf process, so how many fit depends on the machine (about
// 0.5 s of CPU per start); `npm run durability -- --cycles 2000` runs a long one.
const CYCLES = Number(process.env.WHARF_DURABILITY_CYCLES ?? 300);
const BUDGET_MS = Number(process.env.WHARF_DURABILITY_BUDGET_S ?? 50) * 1000;
const SEED = Number(process.env.WHARF_DURABILITY_SEED ?? Math.floor(Math.random() * 2 ** 31));

describe('durability across kill -9', () => {
  it(
    'keeps every acknowledged SQS message, SNS delivery and Kinesis record, in order and unaltered, while wharf is killed at random moments',
    async () => {
      const result = await runDurability({
        cycles: CYCLES,
        seed: SEED,
        durability: 'normal',
        maxRequestsPerCycle: 40,
        killJitterMs: 20,
        startUpKillShare: 0.1,
        sigtermShare: 0.03,
        cold: false,
        timeBudgetMs: BUDGET_MS,
        minimumCycles: 10,
      });
      const f = result.figures;
      console.log(
        `durability: seed ${SEED}, ${f.cycles} cycles (${f.sigkills} SIGKILL, ${f.killedDuringStartUp} while starting, ${f.sigterms} SIGTERM) in ${(f.durationMs / 1000).toFixed(1)} s; ` +
          `acknowledged: ${f.standardAcked} standard, ${f.fifoAcked} FIFO (${f.fifoRetries} re-sent), ${f.snsAcked} SNS, ${f.kinesisAcked} Kinesis records; ${f.deletesAcked} deletes; ${f.readerRecords} records read across restarts`,
      );
      if (result.failures.length === 0) rmSync(result.dataDir, { recursive: true, force: true });
      // The seed replays the same choices: WHARF_DURABILITY_SEED=<seed> (or npm run durability -- --seed <seed>).
      expect(result.failures, `seed ${SEED}, data directory ${result.dataDir}`).toEqual([]);
      expect(f.standardAcked + f.fifoAcked + f.snsAcked + f.kinesisAcked).toBeGreaterThan(0);
    },
    BUDGET_MS + 100_000,
  );
});
