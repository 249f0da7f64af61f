import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { describeValue, formatValue } from '../../src/snapshot/describe-value.js';

describe('formatValue', () => {
  test('primitives as a reader writes them', () => {
    expect([1, -0, 10n, 'two\nlines', true, null, undefined, Symbol('id'), Number.NaN].map((value) => formatValue(value))).toEqual([
      '1',
      '-0',
      '10n',
      '"two\\nlines"',
      'true',
      'null',
      'undefined',
      'Symbol(id)',
      'NaN',
    ]);
  });

  test('plain data in full: objects, arrays, Maps, Sets, nested', () => {
    const value = { list: [1, [2]], map: new Map<unknown, unknown>([['k', new Set([1, 'x'])]]), 'two words': {}, [Symbol('s')]: 1 };
    expect(formatValue(value, { width: Number.POSITIVE_INFINITY })).toBe('{ list: [1, [2]], map: Map { "k" => Set { 1, "x" } }, "two words": {}, [Symbol(s)]: 1 }');
  });

  test('functions and classes by name, class instances as ClassName {…}', () => {
    class Command {}
    const values = [function main() {}, async () => {}, function* gen() {}, Command, new Command(), Math.max];
    expect(values.map((value) => formatValue(value))).toEqual([
      '[Function main]',
      '[AsyncFunction (anonymous)]',
      '[GeneratorFunction gen]',
      '[class Command]',
      'Command {…}',
      '[Function max]',
    ]);
  });

  test('builtin modules, their ES namespaces and other namespaces as modules; a subclass of a builtin class is a class', async () => {
    const fs = await import('node:fs');
    const { EventEmitter } = await import('node:events');
    class Bus extends EventEmitter {}
    expect([process.getBuiltinModule('fs'), process.getBuiltinModule('node:path'), Bus, new Bus()].map((value) => formatValue(value))).toEqual([
      '[module fs]',
      '[module path]',
      '[class Bus]',
      'Bus {…}',
    ]);
    expect(formatValue(fs)).toMatch(/^\[module( fs)?\]$/);
  });

  test('values with more to them than data, shortly', () => {
    const values = [new Date(0), new Date(Number.NaN), /a+/gi, new TypeError('bad'), Buffer.from('abc'), new Uint8Array(4), Promise.resolve(1), new WeakMap()];
    expect(values.map((value) => formatValue(value))).toEqual([
      'Date(1970-01-01T00:00:00.000Z)',
      'Date(Invalid Date)',
      '/a+/gi',
      '[TypeError: bad]',
      'Buffer(3)',
      'Uint8Array(4)',
      'Promise {…}',
      'WeakMap {…}',
    ]);
  });

  test('getters are not called; cycles, holes and unreadable values are named', () => {
    let calls = 0;
    const cyclic: Record<string, unknown> = {
      get lazy() {
        calls++;
        return 1;
      },
    };
    cyclic.self = cyclic;
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('no'); } });
    // biome-ignore lint/suspicious/noSparseArray: a hole is what is shown
    expect([formatValue(cyclic), formatValue([1, , 3]), formatValue({ hostile })]).toEqual([
      '{ lazy: [Getter], self: [Circular] }',
      '[1, <empty>, 3]',
      '{ hostile: [unreadable] }',
    ]);
    expect(calls).toBe(0);
  });

  test('plain data of another realm is plain data', () => {
    expect(formatValue(runInNewContext('({ a: [1, new Map([[1, 2]])], b: Object.create(null) })'))).toBe('{ a: [1, Map { 1 => 2 }], b: {} }');
  });

  test('asymmetric matchers as vitest prints them', () => {
    expect(formatValue({ name: expect.stringMatching(/^A/), run: expect.any(Function), rest: expect.anything() })).toBe(
      '{ name: StringMatching /^A/, run: Any<Function>, rest: Anything }',
    );
  });

  test('breaks over lines, one entry each with a trailing comma, where a line would pass the width', () => {
    const value = { name: 'run-as-main', keywords: ['node', 'runpy', 'testing', 'in-process'], scripts: { test: 'vitest run' } };
    expect(formatValue(value, { width: 40 })).toMatchInlineSnapshot(`
      "{
        name: "run-as-main",
        keywords: [
          "node",
          "runpy",
          "testing",
          "in-process",
        ],
        scripts: { test: "vitest run" },
      }"
    `);
  });

  test('the description is plain data a JSON report can carry', () => {
    expect(JSON.parse(JSON.stringify(describeValue({ a: [1, 'x'] })))).toEqual({
      kind: 'record',
      open: '{',
      close: '}',
      entries: [{ key: 'a', separator: ': ', value: { kind: 'list', open: '[', close: ']', items: [{ kind: 'leaf', text: '1' }, { kind: 'leaf', text: '"x"' }] } }],
    });
  });
});
