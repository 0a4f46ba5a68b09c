import { defineConfig } from 'vitest/config';

// The server-free tier: hand-built models and changes, no PostgreSQL, no build (`npm run test:unit`), and the
// import-layer guard (`npm run check:layers`).
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/architecture/**/*.test.ts'],
  },
});
