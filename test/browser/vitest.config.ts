// Browser tests of the web console (npm run test:browser): Debian's Chromium through
// playwright-core against the real product on a free port. `pretest:browser` builds web/dist.
import { randomBytes } from 'node:crypto';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    // A busy CI machine can take seconds to re-render after an API call; polls wait as long as
    // Playwright's own locators do.
    expect: { poll: { timeout: 30_000, interval: 100 } },
    // A throw-away key for sensitive personal data: with TEST_DATABASE_URL the product runs as in
    // production, where it refuses to start without PII_KEYS.
    env: { PII_KEYS: `test:${randomBytes(32).toString('base64')}` },
  },
});
