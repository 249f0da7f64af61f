/**
 * TypeScript stripped in place (src/loader/strip-ts.ts): types become spaces, every other
 * character stays where it was; what the strip cannot do is left to the transform; imports and
 * exports are elided as the transform (oxc-transform, TypeScript's rules) elides them.
 */
import { parseSync } from 'oxc-parser';
import { transformSync } from 'oxc-transform';
import { describe, expect, test } from 'vitest';
import { stripTypeScript } from '../../src/loader/strip-ts.js';
import { TYPESCRIPT_OPTIONS } from '../../src/loader/transform-ts.js';

/** A program's AST without positions or raw text (and without the `export {}` the transform adds to a module). */
function programOf(code: string): unknown {
  const { program } = parseSync('output.mjs', code, { sourceType: 'module', lang: 'js', preserveParens: false });
  const body = program.body.filter((node) => !(node.type === 'ExportNamedDeclaration' && !node.declaration && !node.source && node.specifiers.length === 0));
  return JSON.parse(JSON.stringify(body), (key, value) => (key === 'start' || key === 'end' || key === 'raw' ? undefined : value));
}

const strip = (source: string, format: 'module' | 'commonjs' | 'ambiguous' = 'module') => stripTypeScript('input.ts', source, format);

describe('stripped in place', () => {
  test.each([
    ['annotations, optional and definite marks', 'let a: number = 1, b!: string;\nfunction f(x?: number, ...rest: string[]): void {}'],
    ['generics, type arguments, assertions', 'const g = <T,>(x: T): T => x;\nlet v = g<string>("s"), w = <number>(v as unknown) satisfies number;'],
    ['non-null assertions, parenthesised', 'const n = (document as any)!.x!;'],
    ['type-only declarations', 'interface I { a: 1 }\ntype T = I;\ndeclare const k: number;\ndeclare module "m" {}\ndeclare global { interface W {} }\nexport type { T };'],
    ['class syntax of TypeScript', 'abstract class C<T> extends Base<T> implements I, J {\n  declare x: number;\n  private readonly y?: string = "y";\n  static z = 1;\n  abstract m(): void;\n  [k: string]: unknown;\n  public n?(a: string): void {}\n}'],
    ['overloads', 'function over(a: string): void;\nfunction over(a: number): void;\nfunction over(a: any) {}'],
    ['this parameters', 'function f(this: Window, a: number) { return a }'],
  ])('%s: the same length, lines and code, types as spaces', (_, source) => {
    const out = strip(source)!;
    expect(out).toBeDefined();
    expect(out.length).toBe(source.length);
    expect(out.split('\n').map((line) => line.length)).toEqual(source.split('\n').map((line) => line.length));
    // Every character kept is where it was; what went is white space (or the `;` that keeps the
    // lines around a statement gone apart).
    for (let i = 0; i < source.length; i++) if (out[i] !== source[i]) expect(out[i]).toMatch(/^[ ;]$/);
    // The result is the JavaScript the transform makes: the same program, whitespace, quotes and
    // parentheses aside.
    const transformed = transformSync('input.ts', source, { ...TYPESCRIPT_OPTIONS, sourceType: 'module' }).code;
    expect(programOf(out)).toEqual(programOf(transformed));
  });

  test('a statement gone before a line that starts with ( leaves a ; so that the lines stay apart', () => {
    expect(strip('const a = 1\ntype X = 2\n[a].forEach(() => {})')).toBe('const a = 1\n;         \n[a].forEach(() => {})');
  });
});

describe('imports and exports, elided as the transform elides them', () => {
  test.each([
    ['an import used only as a type goes with its module', "import { A } from './a';\nlet x: A;", "                        \nlet x   ;"],
    ['an import of types only goes', "import { type A } from './a';", '                             '],
    ['an unused name goes, the used one stays', "import { A, B } from './a';\nB();", "import {    B } from './a';\nB();"],
    ['a re-export keeps its import', "import A from './a';\nexport { A };", "import A from './a';\nexport { A };"],
    ['a namespace used in types goes', "import * as ns from './a';\nlet y: ns.T;", "                          \nlet y      ;"],
    ['an export of a type goes', 'type T = 1;\nconst x = 1;\nexport { T as U, x };', '           \nconst x = 1;\nexport {         x };'],
    ['an export of types only goes whole', 'interface I {}\nexport { I };', '              \n             '],
  ])('%s', (_, source, expected) => {
    expect(strip(source)).toBe(expected);
  });
});

describe('left to the transform', () => {
  test.each([
    ['an enum', 'enum E { A }'],
    ['a namespace', 'namespace N { export const a = 1 }'],
    ['parameter properties', 'class C { constructor(private a: number) {} }'],
    ['decorators', '@dec class C {}'],
    ['import = require', "import fs = require('fs');"],
    ['export =', 'export = 1;'],
    ['an import whose name is declared again in the file', "import { A } from './a';\nfunction f(A: number) { return A }"],
    ["an arrow function whose return type puts a line break before =>", 'const f = (a): \n  number => a;'],
    ['a type after an expression that the next line would continue', 'let a = b as any\n(c)'],
    ['a module syntax that goes in a file of no declared format', "import type { A } from './a';\nmodule.exports = 1;"],
  ])('%s', (_, source) => {
    const format = source.includes('module.exports') ? 'ambiguous' : 'module';
    expect(strip(source, format)).toBeUndefined();
  });

  test('a file that does not parse (the transform reports the error)', () => {
    expect(strip('let x: = 1;')).toBeUndefined();
  });

  test('TSX and JSX files', () => {
    expect(stripTypeScript('input.tsx', 'let a: number = 1;', 'module')).toBeUndefined();
  });
});
