import { describe, expect, test } from 'vitest';
import { runSource } from '../src/index.js';

describe('an explicit timeout', () => {
  test('stops a top-level loop that never ends, with exit code 124 and the output so far', async () => {
    const result = await runSource("console.log('start'); while (true) {}", { filename: 'loop.cjs', timeout: 100 });
    expect(result).toMatchObject({ exitCode: 124, timedOut: true, stdout: 'start\n' });
  });

  test('stops an ES module whose top level never ends', async () => {
    const result = await runSource('for (;;) {}\nexport const never = 1;', { filename: 'loop.mjs', timeout: 100 });
    expect(result).toMatchObject({ exitCode: 124, timedOut: true });
  });

  test('lets a long but finite top level finish', async () => {
    const result = await runSource('let i = 0; while (i < 1e6) i++; console.log(i)', { filename: 'count.cjs', timeout: 2000 });
    expect(result).toMatchObject({ exitCode: 0, stdout: '1000000\n', timedOut: false });
  });
});
