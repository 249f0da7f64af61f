import { defineConfig } from 'vitest/config';

const inPool = 'test/in-pool.test.ts';

export default defineConfig({
  test: {
    setupFiles: ['test/setup/host-guard.ts'],
    testTimeout: 20_000,
    projects: [
      { extends: true, test: { name: 'forks', pool: 'forks', include: ['test/**/*.test.ts'], env: { VITEST_POOL: 'forks' } } },
      // The same runs inside the other pools: workers without process.chdir and with their own exit.
      { extends: true, test: { name: 'threads', pool: 'threads', include: [inPool], env: { VITEST_POOL: 'threads' } } },
      { extends: true, test: { name: 'vmThreads', pool: 'vmThreads', include: [inPool], env: { VITEST_POOL: 'vmThreads' } } },
    ],
  },
});
