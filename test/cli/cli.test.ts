/**
 * The command as a user runs it (test/support/cli.ts spawns the bin): its exit status is the
 * script's, its report reads as shown (colour off when piped), misuse is one line and exit 2.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { cliFixtures, root, runCommand, stableReport } from '../support/cli.js';

describe.concurrent('the report', () => {
  test('of a script that ends by itself: ok, its output, its namespace as a table', async ({ expect }) => {
    const { code, stdout, stderr } = await runCommand(['values.js']);
    expect([code, stderr]).toEqual([0, '']);
    expect(stableReport(stdout)).toMatchInlineSnapshot(`
      "values.js
      ok, exit code 0 in <duration>

      stdout
        │ hello report
      stderr: (empty)
      namespace
        name        type       value
        count       number     3
        title       string     "two\\nlines"
        nothing     undefined  undefined
        empty       null       null
        big         bigint     10n
        list        array      [1, "a", [true]]
        config      object     { name: "demo", nested: { deep: [1, 2] }, "two words": 1 }
        cycle       object     { name: "cycle", self: [Circular] }
        table       Map        Map { "a" => 1 }
        bytes       Buffer     Buffer(3)
        greet       function   [Function greet]
        Widget      class      [class Widget]
        widget      Widget     Widget {…}
        notANumber  number     NaN
      files written: (none)
      "
    `);
  });

  test('of a failing script: failed, exit code 1, its stderr, the traceback, what it defined', async ({ expect }) => {
    const { code, stdout } = await runCommand(['fails.js']);
    expect(code).toBe(1);
    expect(stableReport(stdout)).toMatchInlineSnapshot(`
      "fails.js
      failed, exit code 1 in <duration>

      stdout: (empty)
      stderr
        │ <fixtures>/fails.js:3
        │ throw new TypeError(\`cannot parse the \${stage} input\`);
        │ ^
        │
        │ TypeError: cannot parse the parsing input
        │     at Object.<anonymous> (<fixtures>/fails.js:3:7)
        │
        │ Node.js <version>
      traceback
        │ fails.js:3
        │ throw new TypeError(\`cannot parse the \${stage} input\`);
        │ ^
        │
        │ TypeError: cannot parse the parsing input
        │     at Object.<anonymous> (fails.js:3:7)
      namespace
        name   type    value
        stage  string  "parsing"
      files written: (none)
      "
    `);
  });

  test('of a script that exits: its exit code is the command’s', async ({ expect }) => {
    const { code, stdout } = await runCommand(['exits.js', '5']);
    expect(code).toBe(5);
    expect(stableReport(stdout)).toMatchInlineSnapshot(`
      "exits.js 5
      failed, exit code 5 in <duration>

      stdout: (empty)
      stderr
        │ exiting with 5
      namespace
        name  type    value
        code  number  5
      files written: (none)
      "
    `);
  });

  test('of a script that never ends: timed out at --timeout, exit code 124, what was pending', async ({ expect }) => {
    const { code, stdout } = await runCommand(['--timeout', '200', 'forever.js']);
    expect(code).toBe(124);
    expect(stableReport(stdout)).toMatchInlineSnapshot(`
      "forever.js
      timed out, exit code 124 in <duration>

      stdout: (empty)
      stderr: (empty)
      namespace: (empty)
      files written: (none)
      still pending at the timeout
        Timeout at Object.<anonymous> (forever.js:2:1)
      "
    `);
  });

  test('of the files a script wrote: path, size, first line', async ({ expect }) => {
    const { code, stdout } = await runCommand(['writes.js']);
    expect(code).toBe(0);
    expect(stableReport(stdout)).toMatchInlineSnapshot(`
      "writes.js
      ok, exit code 0 in <duration>

      stdout
        │ wrote 3 files
      stderr: (empty)
      namespace
        name  type    value
        fs    module  [module fs]
      files written
        path           size  first line
        image.bin      3 B   (binary)
        out/empty.txt  0 B   (empty)
        report.txt     23 B  first line
      "
    `);
  });

  test('is in colour with FORCE_COLOR, and plain under NO_COLOR or when piped', async () => {
    const [forced, noColour, piped] = await Promise.all([
      runCommand(['fails.js'], { env: { FORCE_COLOR: '1' } }),
      runCommand(['fails.js'], { env: { NO_COLOR: '1' } }),
      runCommand(['fails.js']),
    ]);
    expect(forced.stdout).toContain('\x1b[31mfailed\x1b[39m');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the colour codes taken out
    expect(stableReport(forced.stdout.replace(/\x1b\[\d+m/g, ''))).toBe(stableReport(piped.stdout));
    expect(noColour.stdout).not.toContain('\x1b[');
    expect(piped.stdout).not.toContain('\x1b[');
  });
});

describe.concurrent('what a run is given', () => {
  test('everything after the script is its arguments, a -- after it optional', async () => {
    const [plain, dashed] = await Promise.all([runCommand(['exits.js', '7']), runCommand(['exits.js', '--', '7'])]);
    expect([plain.code, dashed.code]).toEqual([7, 7]);
    expect(stableReport(dashed.stdout).split('\n')[0]).toBe('exits.js 7');
  });

  test('--init NAME=JSON: globals the script sees, one per flag', async () => {
    const { stdout } = await runCommand(['--init', 'N=5', '--init', 'LABEL="five"', '--json', path.join(cliFixtures, '..', 'demo', 'compute.js')]);
    expect(JSON.parse(stdout).namespace).toEqual({ N: 5, LABEL: 'five', n: 5, result: expect.closeTo(8.3823, 4) });
  });

  test('--stdin: a file’s content, or with - the command’s own stdin; nothing by default', async () => {
    const [file, own, none] = await Promise.all([
      runCommand(['--stdin', 'seed/seed.txt', 'echo-stdin.js']),
      runCommand(['--stdin', '-', 'echo-stdin.js'], { input: 'piped in' }),
      runCommand(['echo-stdin.js'], { input: 'not read' }),
    ]);
    expect(file.stdout).toContain('│ stdin: "seeded\\n"');
    expect(own.stdout).toContain('│ stdin: "piped in"');
    expect(none.stdout).toContain('│ stdin: ""');
  });

  test('--cwd: the run’s working directory, which the script’s path is relative to', async () => {
    const { code, stdout } = await runCommand(['--cwd', '..', 'cli/echo-stdin.js']);
    expect(code).toBe(0);
    expect(stdout).toContain(`│ cwd: ${path.dirname(cliFixtures)}\n`);
  });

  test('--files: a directory’s tree laid over the run’s cwd', async () => {
    const { code, stdout } = await runCommand(['--cwd', '/project', '--files', 'seed', path.join(cliFixtures, 'reads-seed.js')]);
    expect(code).toBe(0);
    expect(stdout).toContain('stdout\n  │ notes\n  │ notes/todo.txt\n  │ seed.txt\n  │ read the seed\n');
  });

  test('--files shows what the script changed of the seeded tree', async () => {
    const { stdout } = await runCommand(['--cwd', '/project', '--files', 'seed', path.join(cliFixtures, 'writes.js')]);
    expect(stdout).toMatch(/^ {2}seed\.txt +- +\(deleted\)$/m);
  });

  test('-m: a package run by name, as its users run it (its bin)', async () => {
    const { code, stdout } = await runCommand(['-m', 'hello-bin', 'Ada']);
    expect(code).toBe(0);
    expect(stableReport(stdout).split('\n').slice(0, 5)).toEqual([
      '-m hello-bin Ada',
      'ok, exit code 0 in <duration>',
      '',
      'stdout',
      '  │ hello from a bin, Ada',
    ]);
  });

  test('--fs overlay: the whole disk readable beneath, the writes in memory', async () => {
    const { stdout } = await runCommand(['--fs', 'overlay', '--json', 'writes.js']);
    expect(Object.keys(JSON.parse(stdout).files).sort()).toEqual(['image.bin', 'out/empty.txt', 'report.txt']);
  });
});

describe.concurrent('--help and --version', () => {
  test('--help prints the usage and exits 0, whatever else is given', async () => {
    const [help, short] = await Promise.all([runCommand(['--help']), runCommand(['--json', '-h', 'values.js'])]);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: run-as-main \[options\] <script> \[--\] \[args\.\.\.\]\n/);
    expect(short.stdout).toBe(help.stdout);
  });

  test('--version prints the package’s version', async () => {
    const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    expect(await runCommand(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect((await runCommand(['-v'])).stdout).toBe(`${version}\n`);
  });
});

/** Each misuse: the arguments, and the one line it says on stderr (a RegExp where V8's words vary by version). */
const MISUSE: [args: string[], line: string | RegExp][] = [
  [[], 'no script given: run-as-main <script> [-- args...], or -m <module> (see run-as-main --help)'],
  [['--json'], 'no script given: run-as-main <script> [-- args...], or -m <module> (see run-as-main --help)'],
  [['--jsn', 'values.js'], 'unknown option --jsn (see run-as-main --help)'],
  [['-x', 'values.js'], 'unknown option -x (see run-as-main --help)'],
  [['--json=yes', 'values.js'], '--json takes no value; received "yes"'],
  [['--timeout'], '--timeout needs a value'],
  [['--timeout', 'soon', 'values.js'], '--timeout takes a number of milliseconds from 1 to 2147483647; received "soon"'],
  [['--timeout', '0', 'values.js'], '--timeout takes a number of milliseconds from 1 to 2147483647; received "0"'],
  [['--timeout', '1', '--timeout', '2', 'values.js'], '--timeout is given twice'],
  [['--fs', 'disk', 'values.js'], '--fs takes memory, overlay or real; received "disk"'],
  [['--init', 'N', 'values.js'], '--init takes NAME=JSON (as in --init N=5); received "N"'],
  [['--init', '1N=5', 'values.js'], '--init 1N=5: "1N" is not a name a script can use as a variable'],
  [
    ['--init', 'N=five', 'values.js'],
    /^--init N: the value is not JSON \(.+\); a string is written with its quotes, as in N='"text"'$/,
  ],
  [['--init', 'N=1', '--init', 'N=2', 'values.js'], '--init N is given twice'],
  [['--files', 'nowhere', 'values.js'], '--files nowhere: no such directory'],
  [['--files', 'values.js', 'values.js'], '--files values.js: not a directory'],
  [['--stdin', 'nowhere', 'values.js'], "--stdin nowhere: no such file (use - for this command's own stdin)"],
  [['--stdin', 'seed', 'values.js'], '--stdin seed: a directory, not a file'],
  [['--cwd', ''], '--cwd needs a value'],
  [['-m'], '-m needs a value'],
  [['-m', 'no-such-package'], 'Cannot resolve module "no-such-package" from <fixtures> (looked in <fixtures>/node_modules and the node_modules folders above it): Cannot find module \'no-such-package\''],
  [['nowhere.js'], 'Cannot find the script to run: <fixtures>/nowhere.js does not exist.'],
  [['seed'], 'Cannot find an entry point in the directory <fixtures>/seed: looked for a package.json with "bin" or "main", then index.{js,mjs,cjs,ts,mts,cts}.'],
  [['--compare', '--init', 'N=1', 'values.js'], '--compare cannot be used with --init: a node process has no way to inject globals into its script'],
];

describe.concurrent('misuse is one line on stderr and exit status 2', () => {
  test.each(MISUSE)('run-as-main %j', async (args, line) => {
    const { code, stdout, stderr } = await runCommand(args);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr.endsWith('\n') && !stderr.slice(0, -1).includes('\n')).toBe(true);
    const said = stableReport(stderr.slice(0, -1)).replace(/^run-as-main: /, '');
    if (typeof line === 'string') expect(said).toBe(line);
    else expect(said).toMatch(line);
  });
});
