import { describe, expect, test } from 'vitest';
import '../../src/vitest.js';
import { runSource } from '../../src/index.js';
import { failureOf } from '../support/failure-message.js';

const exits = (code: number) => runSource(`console.log('working'); process.exit(${code})`, { filename: 'exits.cjs' });
const throws = () => runSource("console.log('working');\nthrow new TypeError('no config');", { filename: 'throws.cjs' });

describe('toExitWith', () => {
  test('passes on the exit code the run ended with', async () => {
    expect(await exits(3)).toExitWith(3);
    expect(await exits(0)).toExitWith(0);
    expect(await throws()).toExitWith(1);
  });

  test('.not passes on any other code', async () => {
    expect(await exits(3)).not.toExitWith(0);
  });

  test('works through .resolves on a Promise<RunResult>', async () => {
    await expect(exits(2)).resolves.toExitWith(2);
    await expect(exits(2)).resolves.not.toExitWith(0);
  });

  test('a wrong code fails with both codes and the traceback of the failed run', async () => {
    expect(await failureOf(async () => expect(await throws()).toExitWith(0))).toMatchInlineSnapshot(`
      "expect(result).toExitWith(expected)

      Expected exit code: 0
      Received exit code: 1

      Traceback:
        │ throws.cjs:2
        │ throw new TypeError('no config');
        │ ^
        │
        │ TypeError: no config
        │     at Object.<anonymous> (throws.cjs:2:7)"
    `);
  });

  test('a failed run without a traceback shows the last lines of stderr', async () => {
    const result = await runSource("for (let i = 1; i <= 12; i++) console.error('line ' + i); process.exitCode = 2", { filename: 'noisy.cjs' });
    expect(await failureOf(() => expect(result).toExitWith(0))).toMatchInlineSnapshot(`
      "expect(result).toExitWith(expected)

      Expected exit code: 0
      Received exit code: 2

      stderr: (last 10 lines; 2 before them not shown)
        │ line 3
        │ line 4
        │ line 5
        │ line 6
        │ line 7
        │ line 8
        │ line 9
        │ line 10
        │ line 11
        │ line 12"
    `);
  });

  test('.not fails on that code, and says so', async () => {
    expect(await failureOf(async () => expect(await exits(0)).not.toExitWith(0))).toMatchInlineSnapshot(`
      "expect(result).not.toExitWith(expected)

      Expected exit code: not 0
      Received exit code: 0"
    `);
  });

  test('through .resolves the message names the promise', async () => {
    expect(await failureOf(() => expect(exits(1)).resolves.toExitWith(0))).toMatchInlineSnapshot(`
      "expect(result).resolves.toExitWith(expected)

      Expected exit code: 0
      Received exit code: 1

      It printed nothing on stderr; stdout:
        │ working"
    `);
  });

  test('a receiver that is not a RunResult is refused, saying what came', async () => {
    expect(await failureOf(async () => expect((await exits(1)).exitCode).toExitWith(1))).toMatchInlineSnapshot(`
      "expect(result).toExitWith(expected)

      Matcher error: received value must be a RunResult: what runAsMain, runSource, safeRunPath, safeRunModule and runInNode resolve to.

      Received: number 1"
    `);
    expect(await failureOf(() => expect(exits(1)).toExitWith(1))).toMatchInlineSnapshot(`
      "expect(result).toExitWith(expected)

      Matcher error: received value must be a RunResult: what runAsMain, runSource, safeRunPath, safeRunModule and runInNode resolve to.

      Received: a Promise
        Await it first, or use expect(promise).resolves.toExitWith(…)."
    `);
  });

  test('a code that is not an integer is refused', async () => {
    expect(await failureOf(async () => expect(await exits(1)).toExitWith('1' as never))).toMatchInlineSnapshot(`
      "expect(result).toExitWith(expected)

      toExitWith needs an integer exit code; received string, "1"."
    `);
  });
});
