import { describe, expect, test } from 'vitest';
import '../../src/vitest.js';
import { runSource } from '../../src/index.js';
import { failureOf } from '../support/failure-message.js';

const esm = () => runSource('export const version = 2;\nexport default function main() {}', { filename: 'lib.mjs' });
const cjs = () => runSource('module.exports = function main() {}', { filename: 'main.cjs' });

describe('toHaveExported', () => {
  test('passes when the exports have the name, with an equal value when given', async () => {
    expect(await esm()).toHaveExported('version');
    expect(await esm()).toHaveExported('version', 2);
    expect(await esm()).toHaveExported('default', expect.any(Function));
  });

  test('.not passes on a name that is not exported, or has another value', async () => {
    expect(await esm()).not.toHaveExported('missing');
    expect(await esm()).not.toHaveExported('version', 3);
  });

  test('works through .resolves', async () => {
    await expect(esm()).resolves.toHaveExported('version', 2);
  });

  test('a missing export fails with the names exported', async () => {
    expect(await failureOf(async () => expect(await esm()).toHaveExported('Version'))).toMatchInlineSnapshot(`
      "expect(result).toHaveExported(name)

      Expected the script to export Version
      It exports only: default, version"
    `);
  });

  test('exports that are not an object say what they are', async () => {
    expect(await failureOf(async () => expect(await cjs()).toHaveExported('main'))).toMatchInlineSnapshot(`
      "expect(result).toHaveExported(name)

      Expected the script to export main
      It exports nothing: its exports are [Function main]"
    `);
  });

  test('another value fails with both values', async () => {
    expect(await failureOf(async () => expect(await esm()).toHaveExported('version', 3))).toMatchInlineSnapshot(`
      "expect(result).toHaveExported(name, value)

      Expected version to equal: 3
      Received version: 2"
    `);
  });

  test('.not fails on an export that is there', async () => {
    expect(await failureOf(async () => expect(await esm()).not.toHaveExported('version', 2))).toMatchInlineSnapshot(`
      "expect(result).not.toHaveExported(name, value)

      Expected the script not to export version with the value 2
      It does: version = 2"
    `);
  });

  test('a receiver that is not a RunResult is refused', async () => {
    expect(await failureOf(async () => expect((await esm()).exports).toHaveExported('version'))).toMatchInlineSnapshot(`
      "expect(result).toHaveExported(name)

      Matcher error: received value must be a RunResult: what runAsMain, runSource, safeRunPath, safeRunModule and runInNode resolve to.

      Received: an object with keys default, version
        { default: [Function main], version: 2 }"
    `);
  });
});
