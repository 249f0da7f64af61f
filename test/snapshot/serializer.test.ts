import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import '../../src/vitest.js';
import { runAsMain, runSource } from '../../src/index.js';
import { pickResult } from '../../src/vitest.js';
import { runResultSerializer } from '../../src/snapshot/serializer.js';

const commander = 'fixtures/fidelity/commander-cli.js';
const render = (value: unknown) => runResultSerializer.serialize(value, {}, '');

describe('the RunResult snapshot serializer', () => {
  test('a commander CLI snapshots short: output, and its namespace named rather than dumped', async () => {
    const result = await runAsMain(commander, { argv: ['greet', 'Ada', '--loud'] });
    expect(result).toMatchInlineSnapshot(`
      RunResult {
        exit code: 0
        stdout:
          │ HELLO ADA
        stderr: (empty)
        namespace:
          Command: [class Command]
          program: Command {…}
      }
    `);
    expect(render(result).split('\n').length).toBeLessThan(15);
  });

  test('a failing CLI shows its exit code and stderr', async () => {
    expect(await runAsMain(commander, { argv: ['--nope'] })).toMatchInlineSnapshot(`
      RunResult {
        exit code: 1
        stdout: (empty)
        stderr:
          │ error: unknown option '--nope'
        namespace:
          Command: [class Command]
          program: Command {…}
      }
    `);
  });

  test('two runs of the same script render byte for byte the same (no timings, no pids)', async () => {
    const script = "process.emitWarning('careful');\nconsole.log(typeof performance.now());\nsetTimeout(() => { throw new Error('x'); }, 1);";
    const [first, second] = [await runSource(script, { filename: 'twice.cjs' }), await runSource(script, { filename: 'twice.cjs' })];
    expect(first.durationMs).not.toBe(second.durationMs);
    expect(render(first)).toBe(render(second));
    expect(render(first)).not.toMatch(/\(node:\d+\)|Node\.js v\d/);
  });

  test('the cwd, the script directory and the temporary directory are placeholders, in output, URLs, values and files', async () => {
    const script = [
      "const fs = require('node:fs');",
      'const here = __dirname;',
      "console.log(process.cwd(), require('node:url').pathToFileURL(__filename).href);",
      "console.error(require('node:os').tmpdir() + '/cache');",
      "fs.writeFileSync(require('node:os').tmpdir() + '/log.txt', 'ran in ' + process.cwd() + '\\n');",
    ].join('\n');
    const cwd = path.join(tmpdir(), 'project');
    const result = await runSource(script, { filename: '/opt/tools/bin/cli.cjs', cwd });
    expect(result).toMatchInlineSnapshot(`
      RunResult {
        exit code: 0
        stdout:
          │ <cwd> file://<script-dir>/cli.cjs
        stderr:
          │ <tmpdir>/cache
        namespace:
          fs: [module fs]
          here: "<script-dir>"
        files:
          <tmpdir>/
            log.txt:
              │ ran in <cwd>
      }
    `);
  });

  test('an uncaught error: stderr without the Node.js version line, and the traceback', async () => {
    expect(await runSource("const answer = 42;\nnull.length;", { filename: 'src/crash.cjs' })).toMatchInlineSnapshot(`
      RunResult {
        exit code: 1
        stdout: (empty)
        stderr:
          │ <cwd>/src/crash.cjs:2
          │ null.length;
          │      ^
          │
          │ TypeError: Cannot read properties of null (reading 'length')
          │     at Object.<anonymous> (<cwd>/src/crash.cjs:2:6)
        traceback:
          │ src/crash.cjs:2
          │ null.length;
          │      ^
          │
          │ TypeError: Cannot read properties of null (reading 'length')
          │     at Object.<anonymous> (src/crash.cjs:2:6)
        namespace:
          answer: 42
      }
    `);
  });

  test('exports, files as a tree, leaked globals; a timeout with what was pending; a signal', async () => {
    const writes = [
      "import fs from 'node:fs';",
      "fs.mkdirSync('out');",
      "fs.writeFileSync('out/report.txt', 'ok');",
      "fs.writeFileSync('out/data.bin', Buffer.from([0, 1, 2]));",
      "fs.writeFileSync('empty.txt', '');",
      'globalThis.leaked = 1;',
      'export const version = 2;',
    ].join('\n');
    expect(await runSource(writes, { filename: 'build.mjs', cwd: '/project' })).toMatchInlineSnapshot(`
      RunResult {
        exit code: 0
        stdout: (empty)
        stderr: (empty)
        namespace:
          fs: [module fs]
          version: 2
        exports:
          version: 2
        files:
          empty.txt: (empty)
          out/
            data.bin:
              │ \\x00\\x01\\x02
              (no newline at end)
            report.txt:
              │ ok
              (no newline at end)
        leaked globals: leaked
      }
    `);
    expect(await runSource('setTimeout(() => {}, 60_000);', { filename: 'hang.cjs', timeout: 50 })).toMatchInlineSnapshot(`
      RunResult {
        exit code: 124 (timed out)
        stdout: (empty)
        stderr: (empty)
        pending:
          Timeout at Object.<anonymous> (hang.cjs:1:1)
      }
    `);
    expect(await runSource("process.kill(process.pid, 'SIGTERM')", { filename: 'term.cjs' })).toMatchInlineSnapshot(`
      RunResult {
        exit code: 143 (signal SIGTERM)
        stdout: (empty)
        stderr: (empty)
      }
    `);
  });

  test('inside other values each result keeps its layout', async () => {
    const result = await runSource("console.log('hi')", { filename: 'hi.cjs' });
    expect({ runs: [pickResult(result, 'exitCode', 'stdout')] }).toMatchInlineSnapshot(`
      {
        "runs": [
          RunResult (exitCode, stdout) {
            exit code: 0
            stdout:
              │ hi
          },
        ],
      }
    `);
  });

  test('the same file snapshot on every Node version CI runs (20, 22, 24)', async () => {
    const help = await runAsMain(commander, { argv: ['--help'] });
    const crash = await runSource("process.emitWarning('old API', 'DeprecationWarning');\nconst config = undefined;\nsetImmediate(() => config.port);", {
      filename: 'crash.cjs',
    });
    expect(help).toMatchSnapshot();
    expect(crash).toMatchSnapshot();
  });
});

describe('pickResult', () => {
  test('a snapshot of only the fields picked, each shown even when empty, in the usual order', async () => {
    const result = await runSource("console.log('out');\nconsole.error('err');", { filename: 'both.cjs' });
    expect(pickResult(result, 'output', 'exitCode', 'files')).toMatchInlineSnapshot(`
      RunResult (exitCode, output, files) {
        exit code: 0
        output:
          │ out
          │ err
        files: (none)
      }
    `);
  });

  test('refuses a field a snapshot does not show, and a value that is not a RunResult', async () => {
    const result = await runSource('', { filename: 'empty.cjs' });
    expect(() => pickResult(result, 'durationMs' as never)).toThrowErrorMatchingInlineSnapshot(`[TypeError: pickResult cannot pick "durationMs"; the fields a snapshot shows are: exitCode, stdout, stderr, output, traceback, namespace, exports, files, pending, leakedGlobals, unusedMocks.]`);
    expect(() => pickResult(result)).toThrowErrorMatchingInlineSnapshot(`[TypeError: pickResult needs at least one field to pick, one of: exitCode, stdout, stderr, output, traceback, namespace, exports, files, pending, leakedGlobals, unusedMocks.]`);
    expect(() => pickResult(Promise.resolve(result) as never, 'stdout')).toThrowErrorMatchingInlineSnapshot(`[TypeError: pickResult needs a RunResult (what runAsMain resolves to) as its first argument; received a Promise.]`);
  });
});
