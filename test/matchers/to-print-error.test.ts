import { describe, expect, test } from 'vitest';
import '../../src/vitest.js';
import { runSource } from '../../src/index.js';
import { failureOf } from '../support/failure-message.js';

const run = () => runSource("console.log('done');\nconsole.error(\"error: unknown option '--nope'\");\nprocess.exitCode = 1;", { filename: 'cli.cjs' });

describe('toPrintError', () => {
  test('passes when stderr contains the text or matches the RegExp', async () => {
    expect(await run()).toPrintError("unknown option '--nope'");
    expect(await run()).toPrintError(/^error: /);
  });

  test('.not passes when stderr does not contain it (stdout is not stderr)', async () => {
    expect(await run()).not.toPrintError('done');
  });

  test('works through .resolves', async () => {
    await expect(run()).resolves.toPrintError('--nope');
  });

  test('a missing text fails with stderr and how the run ended', async () => {
    expect(await failureOf(async () => expect(await run()).toPrintError('--yes'))).toMatchInlineSnapshot(`
      "expect(result).toPrintError(expected)

      Expected stderr to contain: "--yes"
      Received stderr:
        │ error: unknown option '--nope'

      The run failed with exit code 1."
    `);
  });

  test('.not fails when stderr contains it', async () => {
    expect(await failureOf(async () => expect(await run()).not.toPrintError(/unknown option/))).toMatchInlineSnapshot(`
      "expect(result).not.toPrintError(expected)

      Expected stderr not to match: /unknown option/
      Received stderr:
        │ error: unknown option '--nope'

      The run failed with exit code 1."
    `);
  });

  test('a receiver that is not a RunResult is refused', async () => {
    expect(await failureOf(() => expect('error: x').toPrintError('error'))).toMatchInlineSnapshot(`
      "expect(result).toPrintError(expected)

      Matcher error: received value must be a RunResult: what runAsMain, runSource, safeRunPath, safeRunModule and runInNode resolve to.

      Received: string "error: x""
    `);
  });
});
