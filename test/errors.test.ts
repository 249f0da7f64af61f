/**
 * Errors from bad input (SPEC §8): misuse throws at once a RunAsMainUsageError that names the
 * problem — the path tried, the directory, where a specifier was looked for, which option, what
 * was expected and what was received. A script that is not valid JavaScript is not misuse: its
 * run ends with a SyntaxError traceback.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { RunAsMainUsageError, type RunOptions, runAsMain, runModule, runPath, runSource, safeRunModule } from '../src/index.js';

const fixturesDir = fileURLToPath(new URL('../fixtures/errors', import.meta.url));
const fixture = (name: string): string => path.join(fixturesDir, name);

/** What a call rejected with (or threw), checked to be a usage error. */
async function usageError(call: () => Promise<unknown>): Promise<RunAsMainUsageError> {
  let thrown: unknown;
  try {
    await call();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(RunAsMainUsageError);
  expect(thrown).toBeInstanceOf(TypeError);
  expect((thrown as Error).name).toBe('RunAsMainUsageError');
  return thrown as RunAsMainUsageError;
}

describe('a missing target', () => {
  test('names the absolute path tried, for a path relative to cwd', async () => {
    const error = await usageError(() => runAsMain('missing.js', { cwd: fixturesDir }));
    expect(error.message).toContain(fixture('missing.js'));
  });

  test('names the absolute path tried, for runPath and a file: URL', async () => {
    const error = await usageError(() => runPath(new URL('../fixtures/errors/missing.mjs', import.meta.url)));
    expect(error.message).toContain(fixture('missing.mjs'));
  });
});

describe('a directory without an entry point', () => {
  test('names the directory and what was looked for, with a package.json lacking bin and main', async () => {
    const error = await usageError(() => runAsMain('empty-package', { cwd: fixturesDir }));
    expect(error.message).toContain(fixture('empty-package'));
    expect(error.message).toMatch(/bin/);
    expect(error.message).toMatch(/main/);
    expect(error.message).toMatch(/index/);
  });

  test('names the directory, with no package.json at all', async () => {
    const error = await usageError(() => runAsMain('no-package', { cwd: fixturesDir }));
    expect(error.message).toContain(fixture('no-package'));
  });
});

describe('an option of the wrong type', () => {
  const rows: { option: string; value: unknown; expected: RegExp; received: RegExp }[] = [
    { option: 'argv', value: '--flag', expected: /array of strings/, received: /"--flag"/ },
    { option: 'argv', value: ['--ok', 42], expected: /array of strings/, received: /\b42\b/ },
    { option: 'env', value: 'A=1', expected: /object/, received: /"A=1"/ },
    { option: 'cwd', value: 42, expected: /path/, received: /42/ },
    { option: 'stdin', value: 42, expected: /string, bytes/, received: /42/ },
    { option: 'timeout', value: '1s', expected: /positive number of milliseconds/, received: /"1s"/ },
    { option: 'timeout', value: -5, expected: /positive number of milliseconds/, received: /-5/ },
    { option: 'timeout', value: Number.POSITIVE_INFINITY, expected: /at most 2147483647/, received: /Infinity/ },
    { option: 'tty', value: 'yes', expected: /boolean or \{ columns, rows \}/, received: /"yes"/ },
    { option: 'modules', value: 'sometimes', expected: /'fresh' or 'shared'/, received: /"sometimes"/ },
  ];

  for (const row of rows) {
    test(`names \`${row.option}\`, what was expected and what was received (${JSON.stringify(row.value)})`, async () => {
      const options = { cwd: fixturesDir, [row.option]: row.value } as RunOptions;
      const error = await usageError(() => runAsMain('syntax-error.js', options));
      expect(error.message).toContain(`\`${row.option}\``);
      expect(error.message).toMatch(row.expected);
      expect(error.message).toMatch(row.received);
    });
  }

  test('names the env variable whose value is not a string', async () => {
    const error = await usageError(() => runAsMain('syntax-error.js', { env: { PORT: {} as string } }));
    expect(error.message).toContain('`env.PORT`');
    expect(error.message).toMatch(/string/);
  });

  test('names an unknown option and lists the known ones', async () => {
    const error = await usageError(() => runAsMain('syntax-error.js', { argz: [] } as RunOptions));
    expect(error.message).toContain('`argz`');
    expect(error.message).toMatch(/argv/);
  });

  test('is thrown before the script runs', async () => {
    const error = await usageError(() => runSource('globalThis.ranAnyway = true;', { filename: 'x.js', timeout: 0 }));
    expect(error.message).toContain('`timeout`');
    expect('ranAnyway' in globalThis).toBe(false);
  });
});

describe('runSource', () => {
  test('without a filename says that filename is needed', async () => {
    const error = await usageError(() => runSource('1', {} as Parameters<typeof runSource>[1]));
    expect(error.message).toContain('filename');
  });

  test('with code that is not a string says so', async () => {
    await expect(runSource(42 as unknown as string, { filename: 'x.js' })).rejects.toThrow(/string/);
  });
});

describe('runModule', () => {
  test('of a specifier that does not resolve names it and where it looked', async () => {
    const error = await usageError(() => runModule('no-such-package', { cwd: fixturesDir }));
    expect(error.message).toContain('"no-such-package"');
    expect(error.message).toContain(path.join(fixturesDir, 'node_modules'));
  });

  test('of a Node built-in says there is no file to run', async () => {
    const error = await usageError(() => safeRunModule('node:fs', { cwd: fixturesDir }));
    expect(error.message).toMatch(/built-in/);
  });
});

describe('a script that is not valid JavaScript', () => {
  test('ends a CommonJS run with 1 and a SyntaxError traceback naming file:line, not a throw', async () => {
    const result = await runAsMain('syntax-error.js', { cwd: fixturesDir });
    expect(result).toMatchObject({ ok: false, exitCode: 1, stdout: '' });
    expect(result.error).toBeInstanceOf(SyntaxError);
    expect(result.traceback).toMatch(/^syntax-error\.js:2\b/);
    expect(result.traceback).toContain("SyntaxError: Unexpected token ';'");
    expect(result.stderr).toContain(`${fixture('syntax-error.js')}:2\nconst total = 1 +;\n`);
  });

  test('ends an ES module run with 1 and a SyntaxError traceback naming file:line', async () => {
    const result = await runAsMain('syntax-error.mjs', { cwd: fixturesDir });
    expect(result).toMatchObject({ ok: false, exitCode: 1, stdout: '' });
    expect(result.error).toBeInstanceOf(SyntaxError);
    expect(result.traceback).toMatch(/^syntax-error\.mjs:2\b/);
    expect(result.traceback).toContain("SyntaxError: Unexpected token ';'");
  });

  test('raises the SyntaxError itself from runPath', async () => {
    await expect(runPath('syntax-error.js', { cwd: fixturesDir })).rejects.toBeInstanceOf(SyntaxError);
  });
});
