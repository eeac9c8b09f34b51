import { randomBytes } from 'node:crypto';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Browser tests need a built console and Chromium: npm run test:browser.
    exclude: ['test/browser/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A throw-away key for sensitive personal data: with TEST_DATABASE_URL the product runs as in
    // production, where it refuses to start without PII_KEYS.
    env: { PII_KEYS: `test:${randomBytes(32).toString('base64')}` },
  },
});
