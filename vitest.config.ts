import { defineConfig } from 'vitest/config';

// The suite also runs on Node 20 on purpose (see .ci/run); the SDK clients the tests use would
// each print their Node 20 end-of-support notice, which says nothing about wharf.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * Two tiers (run one with `vitest run --project fast|slow`):
 * - fast (`npm test`): unit, engine, wire and the SDK conformance suites — in-process or one
 *   server each, no child processes, no real waiting; the gate, under three minutes on 2 cores.
 * - slow (`npm run test:slow`): durability (kill -9, restarts), concurrency and load, the
 *   command line and other real processes, the browser, the fuzz test and the short soak.
 */
const SLOW = [
  'test/durability/**/*.test.ts',
  'test/sdk/concurrency/**/*.test.ts',
  'test/sdk/sqs/concurrency.test.ts',
  'test/sdk/sqs/fifo-concurrency.test.ts',
  'test/sdk/sqs/aws-cli.test.ts',
  'test/sdk/security/boto3-signer.test.ts',
  'test/sdk/sns/boto3-errors.test.ts',
  'test/cli/**/*.test.ts',
  'test/process/**/*.test.ts',
  'test/browser/**/*.test.ts',
  'test/fuzz/**/*.test.ts',
  'test/soak/**/*.test.ts',
  'test/docs/**/*.test.ts',
];

export default defineConfig({
  test: {
    // Low on purpose: a test that really sleeps should fail loudly (time is moved by ManualClock).
    testTimeout: 10_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        // Worker threads sharing one module cache: the AWS SDKs and the models load once per
        // worker instead of once per file, which is most of this tier's CPU (measured: 8 min of
        // wall time under load with isolated forks, 3.5 min like this). Files reset their own state.
        test: { name: 'fast', include: ['test/**/*.test.ts'], exclude: SLOW, pool: 'threads', isolate: false },
      },
      { extends: true, test: { name: 'slow', include: SLOW } },
    ],
  },
});
