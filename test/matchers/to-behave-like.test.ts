import { describe, expect, test } from 'vitest';
import '../../src/vitest.js';
import { runInNode, runSource } from '../../src/index.js';
import { failureOf } from '../support/failure-message.js';

const source = "console.log(process.argv[2] ?? 'nobody');\nconsole.error('warning');\nprocess.exitCode = process.argv[3] ? 3 : 0;";
const options = { cwd: '/work', files: { 'cli.cjs': source } };
const run = (...argv: string[]) => runSource(source, { filename: 'cli.cjs', cwd: '/work', argv });

describe('toBehaveLike', () => {
  test('passes when exit code, stdout, stderr and files are the same as real node gives', async () => {
    expect(await run('Ada')).toBehaveLike(await runInNode('cli.cjs', { ...options, argv: ['Ada'] }));
  });

  test("an uncaught error behaves like node's, once Node's own frames and its version line are left out", async () => {
    const throwing = { cwd: '/work', files: { 'throw.cjs': "throw new Error('boom');" } };
    const inProcess = await runSource("throw new Error('boom');", { filename: 'throw.cjs', cwd: '/work' });
    expect(inProcess).toBehaveLike(await runInNode('throw.cjs', throwing));
  });

  test('.not passes when they differ', async () => {
    expect(await run('Ada')).not.toBehaveLike(await run('Bob'));
  });

  test('works through .resolves', async () => {
    await expect(run('Ada')).resolves.toBehaveLike(await run('Ada'));
  });

  test('a difference fails naming each field that differs', async () => {
    expect(await failureOf(async () => expect(await run('Ada', 'fail')).toBehaveLike(await run('Bob')))).toMatchInlineSnapshot(`
      "expect(result).toBehaveLike(other)

      Expected the run to behave like the other run: the same exit code, stdout, stderr and files.

      They differ in
        exit code: 3 here, 0 in the other run
        stdout: line 1 differs: "Ada" here, "Bob" in the other run"
    `);
  });

  test('different files are named', async () => {
    const writes = (name: string, text: string) =>
      runSource(`require('fs').writeFileSync(${JSON.stringify(name)}, ${JSON.stringify(text)})`, { filename: 'w.cjs', cwd: '/work' });
    expect(await failureOf(async () => expect(await writes('a.txt', '1')).toBehaveLike(await writes('b.txt', '1')))).toMatchInlineSnapshot(`
      "expect(result).toBehaveLike(other)

      Expected the run to behave like the other run: the same exit code, stdout, stderr and files.

      They differ in
        files: only here: a.txt; only in the other run: b.txt"
    `);
    expect(await failureOf(async () => expect(await writes('a.txt', '1')).toBehaveLike(await writes('a.txt', '2')))).toMatchInlineSnapshot(`
      "expect(result).toBehaveLike(other)

      Expected the run to behave like the other run: the same exit code, stdout, stderr and files.

      They differ in
        files: other content: a.txt"
    `);
  });

  test('.not fails when they are the same', async () => {
    expect(await failureOf(async () => expect(await run('Ada')).not.toBehaveLike(await run('Ada')))).toMatchInlineSnapshot(`
      "expect(result).not.toBehaveLike(other)

      Expected the run to differ from the other run in exit code, stdout, stderr or files, but they are the same."
    `);
  });

  test('a receiver or an argument that is not a RunResult is refused', async () => {
    expect(await failureOf(async () => expect('Ada\n').toBehaveLike(await run('Ada')))).toMatchInlineSnapshot(`
      "expect(result).toBehaveLike(other)

      Matcher error: received value must be a RunResult: what runAsMain, runSource, safeRunPath, safeRunModule and runInNode resolve to.

      Received: string "Ada\\n""
    `);
    expect(await failureOf(async () => expect(await run('Ada')).toBehaveLike(run('Ada') as never))).toMatchInlineSnapshot(`
      "expect(result).toBehaveLike(other)

      toBehaveLike needs another RunResult to compare with (from runInNode, say); received a Promise (await it first)."
    `);
  });
});
