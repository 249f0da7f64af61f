import path from 'node:path';
import { describe, expect, test } from 'vitest';
import '../../src/vitest.js';
import { runSource } from '../../src/index.js';
import { failureOf } from '../support/failure-message.js';

const script = [
  "const fs = require('node:fs');",
  "fs.mkdirSync('dist', { recursive: true });",
  "fs.writeFileSync('dist/index.html', '<h1>Hello</h1>\\n');",
  "fs.writeFileSync('dist/logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff]));",
  "fs.rmSync('old.txt');",
].join('\n');
const run = () => runSource(script, { filename: 'build.cjs', cwd: '/project', files: { 'old.txt': 'old' } });

describe('toHaveWrittenFile', () => {
  test('passes on a file the run wrote, relative to its cwd or absolute', async () => {
    expect(await run()).toHaveWrittenFile('dist/index.html');
    expect(await run()).toHaveWrittenFile('./dist/../dist/index.html');
    expect(await run()).toHaveWrittenFile('/project/dist/index.html');
  });

  test('with content: the same text, a matching RegExp, the same bytes, or an asymmetric matcher', async () => {
    expect(await run()).toHaveWrittenFile('dist/index.html', '<h1>Hello</h1>\n');
    expect(await run()).toHaveWrittenFile('dist/index.html', /<h1>/);
    expect(await run()).toHaveWrittenFile('dist/logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff]));
    expect(await run()).toHaveWrittenFile('dist/index.html', expect.stringContaining('Hello'));
  });

  test('.not passes on a file not written, or deleted, or with other content', async () => {
    expect(await run()).not.toHaveWrittenFile('dist/app.js');
    expect(await run()).not.toHaveWrittenFile('old.txt');
    expect(await run()).not.toHaveWrittenFile('dist/index.html', 'Hello');
  });

  test('works through .resolves', async () => {
    await expect(run()).resolves.toHaveWrittenFile('dist/index.html');
  });

  test('a missing file fails with the tree of files the run wrote', async () => {
    expect(await failureOf(async () => expect(await run()).toHaveWrittenFile('dist/app.js'))).toMatchInlineSnapshot(`
      "expect(result).toHaveWrittenFile(path)

      Expected the run to write dist/app.js
      The run wrote:
        dist/
          index.html:
            │ <h1>Hello</h1>
          logo.png: 5 bytes (binary)
        old.txt: deleted"
    `);
    expect(await failureOf(async () => expect(await run()).toHaveWrittenFile(path.join('/project', 'old.txt')))).toMatchInlineSnapshot(`
      "expect(result).toHaveWrittenFile(path)

      Expected the run to write old.txt
      The run deleted old.txt.
      The run wrote:
        dist/
          index.html:
            │ <h1>Hello</h1>
          logo.png: 5 bytes (binary)
        old.txt: deleted"
    `);
  });

  test('other content fails with the file as written', async () => {
    expect(await failureOf(async () => expect(await run()).toHaveWrittenFile('dist/index.html', '<h1>Hi</h1>\n'))).toMatchInlineSnapshot(`
      "expect(result).toHaveWrittenFile(path, content)

      Expected dist/index.html to hold: "<h1>Hi</h1>\\n"
      Received dist/index.html:
        │ <h1>Hello</h1>"
    `);
    expect(await failureOf(async () => expect(await run()).toHaveWrittenFile('dist/logo.png', /JFIF/))).toMatchInlineSnapshot(`
      "expect(result).toHaveWrittenFile(path, content)

      Expected dist/logo.png to match: /JFIF/
      Received dist/logo.png: 5 bytes (binary)"
    `);
  });

  test('.not fails on a file the run wrote', async () => {
    expect(await failureOf(async () => expect(await run()).not.toHaveWrittenFile('dist/index.html'))).toMatchInlineSnapshot(`
      "expect(result).not.toHaveWrittenFile(path)

      Expected the run not to write dist/index.html
      Received dist/index.html:
        │ <h1>Hello</h1>"
    `);
  });

  test('a receiver that is not a RunResult is refused, and so is a path that is not a string', async () => {
    expect(await failureOf(async () => expect((await run()).files).toHaveWrittenFile('dist/index.html'))).toMatchInlineSnapshot(`
      "expect(result).toHaveWrittenFile(path)

      Matcher error: received value must be a RunResult: what runAsMain, runSource, safeRunPath, safeRunModule and runInNode resolve to.

      Received: an object with keys dist/index.html, dist/logo.png, old.txt
        { "dist/index.html": "<h1>Hello</h1>\\n", "dist/logo.png": Buffer(5), "old.txt": null }"
    `);
    expect(await failureOf(async () => expect(await run()).toHaveWrittenFile('' as never))).toMatchInlineSnapshot(`
      "expect(result).toHaveWrittenFile(path)

      toHaveWrittenFile needs the path of a file as a non-empty string; received string, ""."
    `);
  });
});
