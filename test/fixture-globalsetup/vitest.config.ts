import { defineConfig } from 'vitest/config';

/**
 * A separate vitest run, as a user's project would set it up: one wharf for the whole run,
 * started in globalSetup and handed to test files with provide/inject. Run by
 * test/fixture/global-setup.test.ts (the main config does not pick up these *.spec.ts files).
 */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['*.spec.ts'],
    globalSetup: ['./global-setup.ts'],
    testTimeout: 10_000,
  },
});
