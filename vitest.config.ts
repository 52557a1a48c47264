import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'functions/*/src/**/*.test.ts',
      'infra/**/*.test.ts',
      'models/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**'],
    testTimeout: 60_000,
    // Synthesizing the whole CDK app with cdk-nag in a beforeAll takes longer than vitest's 10 s default.
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
