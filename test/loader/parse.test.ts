import { readFileSync } from 'node:fs';
import { parse as acornParse } from 'acorn';
import { describe, expect, test } from 'vitest';
import { parseJavaScript, parsesWithOxc, type SourceKind } from '../../src/loader/parse.js';

/**
 * The transforms are written against acorn's ESTree; oxc-parser builds it. These tests pin the
 * equality they rely on, with acorn itself as the reference.
 */
function acornAst(source: string, kind: SourceKind) {
  return acornParse(source, {
    ecmaVersion: 'latest',
    sourceType: kind,
    allowHashBang: true,
    allowReturnOutsideFunction: kind === 'script',
  });
}

/** The AST as plain data, without the fields oxc adds empty (`decorators: []`, `phase: null`, `hashbang`). */
function comparable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(comparable);
  if (node instanceof RegExp) return { regexp: node.source, flags: [...node.flags].sort().join('') };
  if (typeof node === 'bigint') return `${node}n`;
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'hashbang' || value === null || value === false || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = key === 'flags' && typeof value === 'string' ? [...value].sort().join('') : comparable(value);
  }
  return out;
}

const MODULES: Record<string, string> = {
  'imports, exports and live bindings': `import a, { b as c } from './x.js';\nexport * from 'y';\nexport const d = a + c;\nexport default function () {}`,
  'top-level await, import.meta and import()': `const m = await import(\`./\${import.meta.dirname}\`);\nfor await (const x of m) {}`,
  'non-ASCII text before the code (UTF-16 offsets)': `const s = "héllo 😀 ü";\nexport const t = \`\${s}—\${1}\`;\nlet after = s;`,
  'regular expressions and BigInt literals': 'export const r = /a(?<n>b)+/giu, n = 10n ** 3n;',
  'classes, private fields, static blocks': 'export class A extends B { #x = 1; static { this.y = 2; } get z() { return this.#x; } }',
  'a shebang line': '#!/usr/bin/env node\nconsole.log(1);',
  'parenthesised expressions and optional chains': 'const v = (a?.b)?.(c) ?? (d, e);',
};

const SCRIPTS: Record<string, string> = {
  'return at the top level of a CommonJS body': 'if (process.argv[2]) return;\nmodule.exports = 1;',
  'sloppy-mode syntax': 'with (obj) { x = 010; }\nvar let = 1;',
  'destructuring and var hoisting': 'var { a, b: [c, ...d] = [] } = require("x");\nfunction f() { var hidden; }',
};

describe('parseJavaScript builds the AST acorn builds', () => {
  test.each(Object.entries(MODULES))('module: %s', (_, source) => {
    expect(comparable(parseJavaScript(source, 'module'))).toEqual(comparable(acornAst(source, 'module')));
  });

  test.each(Object.entries(SCRIPTS))('script: %s', (_, source) => {
    expect(comparable(parseJavaScript(source, 'script'))).toEqual(comparable(acornAst(source, 'script')));
  });

  test.each([
    ['commander', 'commander/lib/command.js', 'script'],
    ['yargs', 'yargs/build/lib/yargs-factory.js', 'module'],
    ['magic-string', 'magic-string/dist/magic-string.es.mjs', 'module'],
  ] as const)('a real package: %s', (_, file, kind) => {
    const source = readFileSync(new URL(`../../node_modules/${file}`, import.meta.url), 'utf8');
    expect(comparable(parseJavaScript(source, kind))).toEqual(comparable(acornAst(source, kind)));
  });
});

describe('parse errors', () => {
  test.each([
    ['a missing expression', 'let b = ;', 'module'],
    ['a redeclared binding (an early error)', 'let x = 1;\nlet x = 2;', 'module'],
    ['top-level await in a CommonJS body', 'await 1;', 'script'],
    ['with in a module (strict mode)', 'with (a) {}', 'module'],
  ] as const)('%s: acorn’s SyntaxError, with its offsets', (_, source, kind) => {
    let expected: unknown;
    try {
      acornAst(source, kind);
    } catch (error) {
      expected = error;
    }
    expect(expected).toBeInstanceOf(SyntaxError);
    expect(() => parseJavaScript(source, kind)).toThrow(expected as Error);
    try {
      parseJavaScript(source, kind);
    } catch (error) {
      expect(error).toMatchObject({ pos: (expected as { pos: number }).pos, loc: (expected as { loc: object }).loc });
    }
  });

  test('parsesWithOxc tells a module from a CommonJS body', () => {
    expect(parsesWithOxc('export const a = 1;', 'module')).toBe(true);
    expect(parsesWithOxc('export const a = 1;', 'script')).toBe(false);
    expect(parsesWithOxc('return 1;', 'script')).toBe(true);
    expect(parsesWithOxc('return 1;', 'module')).toBe(false);
  });
});
