import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./test/support/global-setup.ts'],
    include: ['test/**/*.test.ts'],
    // Long suites run with `npm run test:slow` (vitest.slow.config.ts).
    exclude: ['**/node_modules/**', 'test/**/*.slow.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: files share one server; more workers only queue on it.
    maxWorkers: 2,
  },
});
