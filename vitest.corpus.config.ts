import { defineConfig } from 'vitest/config';

/**
 * The corpus differential (issue 11, `npm run corpus`): published CLIs from corpus/node_modules,
 * each run in-process and under a real node, compared. Not part of the default suite: it needs
 * `npm ci --prefix corpus` first, and takes minutes. Without the default suite's host guard: a bundle
 * of core-js (in @napi-rs/cli) defines a non-configurable global, which no run can remove (the
 * README's limits), and the guard would fail every later test for it.
 */
export default defineConfig({
  test: {
    include: ['corpus/test/**/*.test.ts'],
    pool: 'forks',
    // Every test spawns a node and runs a large tool in-process: one worker per core.
    maxWorkers: 2,
    // Two runs of up to a minute each (their own timeout), and the comparison.
    testTimeout: 150_000,
    env: { VITEST_POOL: 'forks' },
  },
});
