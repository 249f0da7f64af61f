import { describe, expect, test } from 'vitest';
import '../../src/vitest.js';
import { runSource } from '../../src/index.js';
import { failureOf } from '../support/failure-message.js';

const succeeds = () => runSource("console.log('all good')", { filename: 'succeeds.cjs' });
const throws = () => runSource("console.log('starting');\nthrow new Error('disk full');", { filename: 'throws.cjs' });
const hangs = () => runSource('setInterval(() => {}, 1000);', { filename: 'hangs.cjs', timeout: 50 });

describe('toSucceed', () => {
  test('passes on exit code 0 without an uncaught error', async () => {
    expect(await succeeds()).toSucceed();
  });

  test('.not passes on a failed run', async () => {
    expect(await throws()).not.toSucceed();
    expect(await runSource('process.exitCode = 5', { filename: 'five.cjs' })).not.toSucceed();
  });

  test('works through .resolves', async () => {
    await expect(succeeds()).resolves.toSucceed();
    await expect(throws()).resolves.not.toSucceed();
  });

  test('a failed run fails with its exit code and traceback', async () => {
    expect(await failureOf(async () => expect(await throws()).toSucceed())).toMatchInlineSnapshot(`
      "expect(result).toSucceed()

      Expected the run to succeed: exit code 0 and no uncaught error.
      Received: exit code 1

      Traceback:
        │ throws.cjs:2
        │ throw new Error('disk full');
        │ ^
        │
        │ Error: disk full
        │     at Object.<anonymous> (throws.cjs:2:7)"
    `);
  });

  test('a run that timed out fails with what was still pending', async () => {
    expect(await failureOf(async () => expect(await hangs()).toSucceed())).toMatchInlineSnapshot(`
      "expect(result).toSucceed()

      Expected the run to succeed: exit code 0 and no uncaught error.
      Received: exit code 124 (timed out)

      Still pending at the timeout:
        Timeout at Object.<anonymous> (hangs.cjs:1:1)"
    `);
  });

  test('.not fails on a run that succeeded, showing what it printed', async () => {
    expect(await failureOf(async () => expect(await succeeds()).not.toSucceed())).toMatchInlineSnapshot(`
      "expect(result).not.toSucceed()

      Expected the run not to succeed, but it ended with exit code 0 and no uncaught error.
      Received: exit code 0

      stdout:
        │ all good"
    `);
  });

  test('a receiver that is not a RunResult is refused', async () => {
    expect(await failureOf(() => expect({ exitCode: 0 }).toSucceed())).toMatchInlineSnapshot(`
      "expect(result).toSucceed()

      Matcher error: received value must be a RunResult: what runAsMain, runSource, safeRunPath, safeRunModule and runInNode resolve to.

      Received: an object with keys exitCode
        { exitCode: 0 }"
    `);
  });
});
