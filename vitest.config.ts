import { defineConfig } from 'vitest/config';

// Unit tests: pure engine, data and scanner logic in Node (DOM tests opt in with a happy-dom/linkedom document).
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    testTimeout: 30_000,
    setupFiles: ['tests/support/i18n-setup.ts'],
  },
});
