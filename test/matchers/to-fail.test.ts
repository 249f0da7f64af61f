import { describe, expect, test } from 'vitest';
import '../../src/vitest.js';
import { runSource } from '../../src/index.js';
import { failureOf } from '../support/failure-message.js';

const succeeds = () => runSource("console.log('all good')", { filename: 'succeeds.cjs' });
const throws = () => runSource("throw new Error('disk full');", { filename: 'throws.cjs' });

describe('toFail', () => {
  test('passes on a non-zero exit code or an uncaught error', async () => {
    expect(await throws()).toFail();
    expect(await runSource('process.exit(2)', { filename: 'two.cjs' })).toFail();
    expect(await runSource("process.kill(process.pid, 'SIGTERM')", { filename: 'term.cjs' })).toFail();
  });

  test('.not passes on a run that succeeded', async () => {
    expect(await succeeds()).not.toFail();
  });

  test('works through .resolves', async () => {
    await expect(throws()).resolves.toFail();
    await expect(succeeds()).resolves.not.toFail();
  });

  test('a run that succeeded fails, showing what it printed', async () => {
    expect(await failureOf(async () => expect(await succeeds()).toFail())).toMatchInlineSnapshot(`
      "expect(result).toFail()

      Expected the run to fail (a non-zero exit code or an uncaught error), but it succeeded.
      Received: exit code 0

      stdout:
        │ all good"
    `);
  });

  test('.not fails on a failed run with its traceback', async () => {
    expect(await failureOf(async () => expect(await throws()).not.toFail())).toMatchInlineSnapshot(`
      "expect(result).not.toFail()

      Expected the run not to fail: exit code 0 and no uncaught error.
      Received: exit code 1

      Traceback:
        │ throws.cjs:1
        │ throw new Error('disk full');
        │ ^
        │
        │ Error: disk full
        │     at Object.<anonymous> (throws.cjs:1:7)"
    `);
  });

  test('a receiver that is not a RunResult is refused', async () => {
    expect(await failureOf(() => expect(undefined).toFail())).toMatchInlineSnapshot(`
      "expect(result).toFail()

      Matcher error: received value must be a RunResult: what runAsMain, runSource, safeRunPath, safeRunModule and runInNode resolve to.

      Received: undefined"
    `);
  });
});
