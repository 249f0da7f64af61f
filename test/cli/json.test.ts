/** `--json` (src/cli/json.ts): the RunResult as JSON, what JSON cannot hold as the serializer's text. */
import { describe, expect, test } from 'vitest';
import { jsonValue } from '../../src/cli/json.js';
import { runCommand } from '../support/cli.js';

describe('jsonValue', () => {
  test('keeps what JSON holds as JSON', () => {
    const value = { n: -1.5, s: 'a "quoted"\nline', t: true, f: false, z: null, list: [1, ['x']], 'two words': { deep: {} } };
    expect(jsonValue(value)).toEqual(value);
    expect(Object.is(jsonValue(-0), -0)).toBe(true);
  });

  test('writes the rest as the stable text of describe-value', () => {
    class Widget {}
    const cycle: Record<string, unknown> = { name: 'cycle' };
    cycle.self = cycle;
    expect(
      jsonValue({
        fn: function main() {},
        Widget,
        widget: new Widget(),
        big: 10n,
        missing: undefined,
        nan: Number.NaN,
        cycle,
        bytes: Buffer.from('abc'),
        map: new Map([['a', 1]]),
        set: new Set([1]),
        error: new TypeError('bad'),
        symbol: Symbol('id'),
        [Symbol('key')]: 1,
        get lazy() {
          throw new Error('a getter is not called');
        },
      }),
    ).toEqual({
      fn: '[Function main]',
      Widget: '[class Widget]',
      widget: 'Widget {…}',
      big: '10n',
      missing: 'undefined',
      nan: 'NaN',
      cycle: { name: 'cycle', self: '[Circular]' },
      bytes: 'Buffer(3)',
      map: 'Map { "a" => 1 }',
      set: 'Set { 1 }',
      error: '[TypeError: bad]',
      symbol: 'Symbol(id)',
      '[Symbol(key)]': 1,
      lazy: '[Getter]',
    });
  });

  test('a key __proto__ is a key', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}}') as object;
    const json = jsonValue(value) as Record<string, unknown>;
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
    expect(JSON.stringify(json)).toBe('{"__proto__":{"polluted":true}}');
  });

  test('a string that looks like a number stays a string', () => {
    expect(jsonValue(['1', '10n', 'true'])).toEqual(['1', '10n', 'true']);
  });
});

describe.concurrent('run-as-main --json', () => {
  test('prints the whole RunResult, every field, as JSON that parses', async () => {
    const { code, stdout } = await runCommand(['--json', 'values.js']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(Object.keys(result)).toEqual([
      'ok',
      'exitCode',
      'signal',
      'namespace',
      'exports',
      'stdout',
      'stderr',
      'output',
      'error',
      'traceback',
      'durationMs',
      'files',
      'timedOut',
      'pending',
      'leakedGlobals',
      'unusedMocks',
    ]);
    expect(result).toMatchObject({ ok: true, exitCode: 0, signal: null, error: null, stdout: 'hello report\n', durationMs: expect.any(Number) });
    expect(result.namespace).toEqual({
      count: 3,
      title: 'two\nlines',
      nothing: 'undefined',
      empty: null,
      big: '10n',
      list: [1, 'a', [true]],
      config: { name: 'demo', nested: { deep: [1, 2] }, 'two words': 1 },
      cycle: { name: 'cycle', self: '[Circular]' },
      table: 'Map { "a" => 1 }',
      bytes: 'Buffer(3)',
      greet: '[Function greet]',
      Widget: '[class Widget]',
      widget: 'Widget {…}',
      notANumber: 'NaN',
    });
  });

  test('of a failure: the error as text, the traceback, the exit status the script’s', async () => {
    const { code, stdout } = await runCommand(['--json', 'fails.js']);
    expect(code).toBe(1);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ ok: false, exitCode: 1, error: '[TypeError: cannot parse the parsing input]', namespace: { stage: 'parsing' } });
    expect(result.traceback).toMatch(/^fails\.js:3\n/);
  });

  test('of files: text as text, bytes as their stable text', async () => {
    const { stdout } = await runCommand(['--json', 'writes.js']);
    expect(JSON.parse(stdout).files).toEqual({ 'report.txt': 'first line\nsecond line\n', 'image.bin': 'Buffer(3)', 'out/empty.txt': '' });
  });
});
