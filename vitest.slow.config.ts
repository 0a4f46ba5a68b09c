import { defineConfig } from 'vitest/config';

// Suites too long for a developer's loop (package install, crash trials, load, version matrix): `npm run test:slow`,
// which .ci/run also runs.
export default defineConfig({
  test: {
    globalSetup: ['./test/support/global-setup.ts'],
    include: ['test/**/*.slow.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    maxWorkers: 1,
  },
});
