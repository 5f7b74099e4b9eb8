import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Goldens are written only by `npm run test:update-goldens` (vitest -u): a plain run never
    // creates or rewrites one, locally as in CI.
    update: 'none',
  },
});
