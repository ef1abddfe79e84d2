import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Low on purpose: a test that really sleeps should fail loudly (time is moved by ManualClock).
    testTimeout: 10_000,
    hookTimeout: 20_000,
  },
});
