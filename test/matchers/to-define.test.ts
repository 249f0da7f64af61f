import { describe, expect, test } from 'vitest';
import '../../src/vitest.js';
import { runSource } from '../../src/index.js';
import { failureOf } from '../support/failure-message.js';

const run = () => runSource("var options = { name: 'Ada' };\nlet unset;\nconst program = new (class Command {})();", { filename: 'cli.cjs' });

describe('toDefine', () => {
  test('passes when the script defines the binding, whatever its value', async () => {
    expect(await run()).toDefine('options');
    expect(await run()).toDefine('unset');
  });

  test('with a value, passes when the binding equals it (asymmetric matchers too)', async () => {
    expect(await run()).toDefine('options', { name: 'Ada' });
    expect(await run()).toDefine('unset', undefined);
    expect(await run()).toDefine('program', expect.objectContaining({}));
  });

  test('.not passes on a binding that is missing or has another value', async () => {
    expect(await run()).not.toDefine('missing');
    expect(await run()).not.toDefine('options', { name: 'Bob' });
  });

  test('works through .resolves', async () => {
    await expect(run()).resolves.toDefine('options', { name: 'Ada' });
  });

  test('a missing binding fails with the names the script does define', async () => {
    expect(await failureOf(async () => expect(await run()).toDefine('opts'))).toMatchInlineSnapshot(`
      "expect(result).toDefine(name)

      Expected the script to define opts
      It defines only: unset, program, options"
    `);
  });

  test('another value fails with both values, the received one named rather than dumped', async () => {
    expect(await failureOf(async () => expect(await run()).toDefine('options', { name: 'Bob' }))).toMatchInlineSnapshot(`
      "expect(result).toDefine(name, value)

      Expected options to equal: { name: "Bob" }
      Received options: { name: "Ada" }"
    `);
    expect(await failureOf(async () => expect(await run()).toDefine('program', 42))).toMatchInlineSnapshot(`
      "expect(result).toDefine(name, value)

      Expected program to equal: 42
      Received program: Command {…}"
    `);
  });

  test('.not fails on a binding that is there', async () => {
    expect(await failureOf(async () => expect(await run()).not.toDefine('options'))).toMatchInlineSnapshot(`
      "expect(result).not.toDefine(name)

      Expected the script not to define options
      It does: options = { name: "Ada" }"
    `);
  });

  test('a receiver that is not a RunResult is refused, and so is a name that is not a string', async () => {
    expect(await failureOf(() => expect(null).toDefine('options'))).toMatchInlineSnapshot(`
      "expect(result).toDefine(name)

      Matcher error: received value must be a RunResult: what runAsMain, runSource, safeRunPath, safeRunModule and runInNode resolve to.

      Received: null"
    `);
    expect(await failureOf(async () => expect(await run()).toDefine(1 as never))).toMatchInlineSnapshot(`
      "expect(result).toDefine(name)

      toDefine needs the name of a binding as a string; received number, 1."
    `);
  });
});
