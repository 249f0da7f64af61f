import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runAsMain } from '../src/index.js';

const cwd = fileURLToPath(new URL('../fixtures/concurrency/', import.meta.url));

async function runIdentity(index: number, delay: number) {
  const id = `r${index}`;
  const result = await runAsMain('identity.cjs', {
    cwd,
    argv: [id, String(delay)],
    env: { RUN_ID: id },
    stdin: `input of ${id}`,
  });
  return { id, result };
}

function expectOwnState({ id, result }: Awaited<ReturnType<typeof runIdentity>>) {
  expect(JSON.parse(result.stdout)).toEqual({ id, env: id, cwd: path.join(cwd, id), stdin: `input of ${id}` });
  expect(result.stderr).toBe(`stderr of ${id}\n`);
  expect(result.exitCode).toBe(Number(id.slice(1)));
}

describe('overlapping runs', () => {
  test('50 runs at once with random delays each see their own argv, env, cwd, stdin, output and exit code', async () => {
    const delays = Array.from({ length: 50 }, (_, index) => (index * 37) % 23);
    const runs = await Promise.all(delays.map((delay, index) => runIdentity(index, delay)));
    for (const run of runs) expectOwnState(run);
  });

  test.concurrent.each([0, 1, 2, 3])('test.concurrent run %i keeps its own state', async (index) => {
    expectOwnState(await runIdentity(index, 10 - index * 3));
  });
});

describe('a run started by a script of another run', () => {
  test('holds that run until it ends, as its timers would hold a process, and keeps its own output', async () => {
    const inner = path.join(cwd, 'nested-inner.cjs');
    const result = await runAsMain('nested-outer.cjs', { cwd, initGlobals: { runAsMain, inner }, timeout: 5000 });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('outer got "inner done\\n" 0\n');
    expect(result.timedOut).toBe(false);
  });
});
