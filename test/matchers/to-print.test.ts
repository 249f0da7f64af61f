import { describe, expect, test } from 'vitest';
import '../../src/vitest.js';
import { runSource } from '../../src/index.js';
import { failureOf } from '../support/failure-message.js';

const run = () => runSource("console.log('Usage: greet [options]');\nconsole.log('  --name <name>');\nconsole.error('warning: old config');", { filename: 'greet.cjs' });

describe('toPrint', () => {
  test('passes when stdout contains the text or matches the RegExp', async () => {
    expect(await run()).toPrint('Usage: greet');
    expect(await run()).toPrint(/^ {2}--name/m);
  });

  test('a global RegExp matches on every call (its lastIndex is not carried over)', async () => {
    const pattern = /greet/g;
    expect(await run()).toPrint(pattern);
    expect(await run()).toPrint(pattern);
  });

  test('.not passes when stdout does not contain it (stderr is not stdout)', async () => {
    expect(await run()).not.toPrint('warning');
  });

  test('works through .resolves', async () => {
    await expect(run()).resolves.toPrint('--name');
  });

  test('a missing text fails with what was printed', async () => {
    expect(await failureOf(async () => expect(await run()).toPrint('--age'))).toMatchInlineSnapshot(`
      "expect(result).toPrint(expected)

      Expected stdout to contain: "--age"
      Received stdout:
        │ Usage: greet [options]
        │   --name <name>"
    `);
  });

  test('a run that failed before printing says why', async () => {
    const result = await runSource("console.log('loading');\nthrow new Error('no such file');", { filename: 'load.cjs' });
    expect(await failureOf(() => expect(result).toPrint(/done/))).toMatchInlineSnapshot(`
      "expect(result).toPrint(expected)

      Expected stdout to match: /done/
      Received stdout:
        │ loading

      The run failed with exit code 1.
      Traceback:
        │ load.cjs:2
        │ throw new Error('no such file');
        │ ^
        │
        │ Error: no such file
        │     at Object.<anonymous> (load.cjs:2:7)"
    `);
  });

  test('.not fails when stdout contains it', async () => {
    expect(await failureOf(async () => expect(await run()).not.toPrint('Usage'))).toMatchInlineSnapshot(`
      "expect(result).not.toPrint(expected)

      Expected stdout not to contain: "Usage"
      Received stdout:
        │ Usage: greet [options]
        │   --name <name>"
    `);
  });

  test('a receiver that is not a RunResult is refused, and so is a number to look for', async () => {
    expect(await failureOf(async () => expect((await run()).stdout).toPrint('Usage'))).toMatchInlineSnapshot(`
      "expect(result).toPrint(expected)

      Matcher error: received value must be a RunResult: what runAsMain, runSource, safeRunPath, safeRunModule and runInNode resolve to.

      Received: string "Usage: greet [options]\\n  --name <name>\\n""
    `);
    expect(await failureOf(async () => expect(await run()).toPrint(1 as never))).toMatchInlineSnapshot(`
      "expect(result).toPrint(expected)

      toPrint needs the text expected as a string, or a RegExp; received number, 1."
    `);
  });
});
