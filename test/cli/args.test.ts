/** How the command line is read (src/cli/args.ts): where its options end and the script's arguments begin. */
import { describe, expect, test } from 'vitest';
import { CliUsageError, parseCliArgs, shellCommand } from '../../src/cli/args.js';

const run = (argv: string[]) => {
  const invocation = parseCliArgs(argv);
  if (invocation.kind !== 'run') throw new Error(`not a run: ${invocation.kind}`);
  return invocation;
};

describe('the script and its arguments', () => {
  test.each([
    [['cli.js'], 'cli.js', []],
    [['cli.js', '--top', '2'], 'cli.js', ['--top', '2']],
    [['cli.js', '--', '--top', '2'], 'cli.js', ['--top', '2']],
    [['cli.js', '--', '--', 'x'], 'cli.js', ['--', 'x']],
    [['--', 'cli.js', '--json'], 'cli.js', ['--json']],
    [['--', '-dash.js', '--', 'x'], '-dash.js', ['--', 'x']],
    [['--json', 'cli.js', '--json'], 'cli.js', ['--json']],
    [['--timeout', '50', 'cli.js', 'a'], 'cli.js', ['a']],
    [['--timeout=50', 'cli.js', 'a'], 'cli.js', ['a']],
  ])('run-as-main %j runs %s with %j', (argv, script, args) => {
    expect(run(argv)).toMatchObject({ script, args, module: undefined });
  });

  test('everything after the script is its own, options of run-as-main too', () => {
    expect(run(['cli.js', '--json', '--compare'])).toMatchObject({ json: false, compare: false, args: ['--json', '--compare'] });
  });
});

describe('-m', () => {
  test.each([
    [['-m', 'pkg'], 'pkg', []],
    [['-mpkg', 'a'], 'pkg', ['a']],
    [['--module', 'pkg', 'a', '--b'], 'pkg', ['a', '--b']],
    [['--module=@scope/pkg', '--', '--b'], '@scope/pkg', ['--b']],
    [['-m', 'pkg', 'script.js'], 'pkg', ['script.js']],
  ])('run-as-main %j runs the module %s with %j', (argv, module, args) => {
    expect(run(argv)).toMatchObject({ script: undefined, module, args });
  });
});

describe('options', () => {
  test('each is read as given', () => {
    expect(
      run(['--json', '--compare', '--files', 'seed', '--fs', 'overlay', '--timeout', '1500', '--cwd', '/p', '--stdin', '-', 'a.js']),
    ).toEqual({
      kind: 'run',
      script: 'a.js',
      module: undefined,
      args: [],
      json: true,
      compare: true,
      files: 'seed',
      init: [],
      fs: 'overlay',
      timeout: 1500,
      cwd: '/p',
      stdin: '-',
    });
  });

  test('--init is repeatable, its values JSON', () => {
    expect(run(['--init', 'N=5', '--init=CONFIG={"debug":true}', '--init', 'S="x"', 'a.js']).init).toEqual([
      ['N', 5],
      ['CONFIG', { debug: true }],
      ['S', 'x'],
    ]);
  });

  test('--help and --version win over the other options and the script', () => {
    expect(parseCliArgs(['--timeout', '5', '--help', 'a.js'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['--json', '-v'])).toEqual({ kind: 'version' });
  });

  test('a misuse is a CliUsageError of one line', () => {
    for (const argv of [[], ['--nope', 'a.js'], ['--fs'], ['--init', 'x', 'a.js']]) {
      let error: unknown;
      try {
        parseCliArgs(argv);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(CliUsageError);
      expect((error as Error).message).not.toContain('\n');
    }
  });
});

test('shellCommand quotes what a POSIX shell would split or expand', () => {
  expect(shellCommand(['cli.js', 'the cat', "it's", '--top=2', '$HOME', ''])).toBe(`cli.js 'the cat' 'it'\\''s' --top=2 '$HOME' ''`);
});
