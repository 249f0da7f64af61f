/**
 * Runs inside each of vitest's worker pools (vitest.config.ts runs this file in `forks`,
 * `threads` and `vmThreads`): the pools differ in what they replace (`process.exit` throws in
 * workers, `process.chdir` is missing in threads), and a run must not notice.
 */
import { isMainThread } from 'node:worker_threads';
import { describe, expect, test } from 'vitest';
import '../src/vitest.js';
import { runSource } from '../src/index.js';
import { pickResult } from '../src/vitest.js';

const pool = process.env.VITEST_POOL ?? 'forks';

describe(`runs inside vitest's ${pool} pool`, () => {
  test('the pool is the one this project asked for', () => {
    expect(isMainThread).toBe(pool === 'forks');
  });

  test('process.exit ends the run with its code, not the worker', async () => {
    const result = await runSource("console.log('out'); process.exit(3); console.log('never')", {
      filename: 'exit.cjs',
    });
    expect(result).toMatchObject({ exitCode: 3, stdout: 'out\n' });
  });

  test('process.chdir moves the run only, even where the worker cannot chdir', async () => {
    const before = process.cwd();
    const result = await runSource("process.chdir('/'); console.log(process.cwd())", { filename: 'chdir.cjs' });
    expect(result.stdout).toBe('/\n');
    expect(process.cwd()).toBe(before);
  });

  test('an uncaught error in a timer ends the run with 1 and leaves the worker running', async () => {
    const result = await runSource("setTimeout(() => { throw new Error('late') }, 1)", { filename: 'late.cjs' });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('Error: late');
  });

  test('an explicit timeout stops a synchronous loop at the top level', async () => {
    const result = await runSource('console.log("looping");\nwhile (true) {}\n', { filename: 'loop.cjs', timeout: 300 });
    expect(result).toMatchObject({ exitCode: 124, timedOut: true, stdout: 'looping\n' });
  });

  test("a TypeScript error's traceback points at the .ts line", async () => {
    const result = await runSource("const n: number = 1;\nthrow new Error('typed ' + n);\n", { filename: 'typed.ts' });
    expect(result.exitCode).toBe(1);
    expect(result.traceback).toContain('typed.ts:2');
  });

  test('a global the script adds is listed and removed', async () => {
    const result = await runSource('globalThis.addedInPool = 1;\n', { filename: 'leak.cjs' });
    expect(result.leakedGlobals).toEqual(['addedInPool']);
    expect('addedInPool' in globalThis).toBe(false);
  });

  test('overlapping runs each keep their own argv and output', async () => {
    const source = 'setTimeout(() => console.log(process.argv[2]), Number(process.argv[3]))';
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((name, index) =>
        runSource(source, { filename: 'echo.cjs', argv: [name, String(20 - index * 5)] }),
      ),
    );
    expect(results.map((result) => result.stdout)).toEqual(['a\n', 'b\n', 'c\n', 'd\n']);
  });

  test('the matchers and the snapshot serializer work here, across the realm a vmThreads test file has', async () => {
    const result = await runSource("const list = [1, { a: 'x' }];\nconsole.log('hi');\nthrow new TypeError('boom');", {
      filename: 'pool.cjs',
    });
    expect(result).toExitWith(1);
    expect(result).toFail();
    expect(result).toPrint('hi');
    expect(result).toThrowInScript(TypeError);
    expect(result).toHaveNamespace({ list: [1, { a: 'x' }] });
    await expect(Promise.resolve(result)).resolves.not.toSucceed();
    expect(pickResult(result, 'exitCode', 'stdout', 'namespace')).toMatchInlineSnapshot(`
      RunResult (exitCode, stdout, namespace) {
        exit code: 1
        stdout:
          │ hi
        namespace:
          list: [1, { a: "x" }]
      }
    `);
  });
});
