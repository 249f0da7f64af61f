/**
 * `npm start` (src/demo-commands.ts): the command on the seed's demo, fixtures/demo/, each
 * report as the command prints it; and each fixture of fixtures/demo/ run under real node as
 * in-process.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { DEMO_COMMANDS, DEMO_DIR, runDemo } from '../src/demo-commands.js';
import { runAsMain, runInNode } from '../src/index.js';
import { dropNodeFrames } from './support/node-output.js';

const demo = fileURLToPath(new URL('../fixtures/demo', import.meta.url));

test('the demo runs in fixtures/demo', () => {
  expect(DEMO_DIR).toBe(demo);
});

test('prints each demo command, then the report the command prints for it', async () => {
  let stdout = '';
  let stderr = '';
  await runDemo({
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
    readStdin: () => Buffer.alloc(0),
  });
  expect(stderr).toBe('');
  expect(stdout.match(/^\$ run-as-main .*$/gm)).toHaveLength(DEMO_COMMANDS.length);
  const stable = stdout
    .replace(/ in \d+(?:\.\d+)? ms$/gm, ' in <duration>')
    .replaceAll(demo, '<demo>')
    .replace(/Node\.js v\d+\.\d+\.\d+$/gm, 'Node.js <version>');
  expect(stable).toMatchInlineSnapshot(`
    "$ cd fixtures/demo

    $ run-as-main --init N=5 compute.js
    compute.js
    ok, exit code 0 in <duration>

    stdout: (empty)
    stderr: (empty)
    namespace
      name    type    value
      N       number  5
      n       number  5
      result  number  8.382332347441762
    files written: (none)

    $ run-as-main config.js
    config.js
    ok, exit code 0 in <duration>

    stdout: (empty)
    stderr: (empty)
    namespace
      name        type     value
      DB_URL      string   "sqlite:///app.db"
      DEBUG       boolean  true
      SECRET_KEY  string   "dev-secret"
    files written: (none)

    $ run-as-main failing.js
    failing.js
    failed, exit code 1 in <duration>

    stdout: (empty)
    stderr
      │ file://<demo>/failing.js:3
      │ throw new Error('intentional failure');
      │       ^
      │
      │ Error: intentional failure
      │     at file://<demo>/failing.js:3:7
      │
      │ Node.js <version>
    traceback
      │ failing.js:3
      │ throw new Error('intentional failure');
      │       ^
      │
      │ Error: intentional failure
      │     at failing.js:3:7
    namespace
      name  type    value
      step  string  "loading"
    files written: (none)

    $ run-as-main exiting.js
    exiting.js
    failed, exit code 2 in <duration>

    stdout
      │ exiting with 2
    stderr: (empty)
    namespace: (empty)
    files written: (none)

    $ run-as-main printargs.js -- --foo bar
    printargs.js --foo bar
    ok, exit code 0 in <duration>

    stdout: (empty)
    stderr: (empty)
    namespace
      name  type   value
      args  array  ["--foo", "bar"]
    files written: (none)

    $ run-as-main --files site bin/build.js
    bin/build.js
    ok, exit code 0 in <duration>

    stdout: (empty)
    stderr: (empty)
    namespace
      name      type    value
      fs        module  [module fs]
      markdown  string  "# Hello\\n"
      html      string  "<h1>Hello</h1>\\n"
    files written
      path             size  first line
      dist/index.html  15 B  <h1>Hello</h1>
    "
  `);
});

describe('each fixture runs in-process as under node', () => {
  test.each([
    ['compute.js', []],
    ['config.js', []],
    ['failing.js', []],
    ['exiting.js', []],
    ['printargs.js', ['--foo', 'bar']],
    ['bin/build.js', []],
  ])('%s', async (file, argv) => {
    // bin/build.js reads src/index.md and writes dist/: given in files, relative to cwd.
    const options = { cwd: '/project', argv, files: { 'src/index.md': '# Hello', 'dist/': null } };
    const target = `${demo}/${file}`;
    const [inProcess, node] = [await runAsMain(target, options), await runInNode(target, options)];
    const comparable = ({ exitCode, stdout, stderr, files }: typeof node) => ({ exitCode, stdout, stderr: dropNodeFrames(stderr), files });
    expect(comparable(inProcess)).toEqual(comparable(node));
  });
});
