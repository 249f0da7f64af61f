import { expect, test } from 'vitest';
import { ExitSignal } from '../../src/errors.js';
import { runSource } from '../../src/index.js';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

test("an exit signal rejected outside every run's context never reaches the host", async () => {
  // A run installs the dispatch of failures; the signal of some ended run, found with no run.
  await runSource('process.exit(0)', { filename: 'exit.js' });
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', listener);
  try {
    void Promise.reject(new ExitSignal(0));
    await turn();
    await turn();
  } finally {
    process.off('unhandledRejection', listener);
  }
  expect(seen).toEqual([]);
});
