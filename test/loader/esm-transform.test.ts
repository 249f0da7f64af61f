import vm from 'node:vm';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { describe, expect, test } from 'vitest';
import { type EsmTransformResult, transformEsm } from '../../src/loader/esm-transform.js';

type Namespace = Record<string, unknown>;
type Getters = Record<string, () => unknown>;

const FILENAME = '/app/main.mjs';

interface Evaluated {
  exports: Namespace;
  result: EsmTransformResult;
  /** What `__rm.c` was handed (with `capture: true`). */
  capture: (() => Namespace) | undefined;
  /** The arguments of every `__rm.i(...)` (dynamic import). */
  dynamicImports: unknown[][];
  /** The index of every top-level await reached (`__rm.w`). */
  awaits: number[];
}

interface EvaluateOptions {
  /** The namespaces of `result.imports`, in order: `__rm.d`. */
  deps?: Namespace[];
  capture?: boolean;
  /** The exports object to define getters on (a module of a cycle is handed out before it runs). */
  exports?: Namespace;
  /** Called by `__rm.x`, in the header, with the getters. */
  onExports?: (getters: Getters) => void;
  filename?: string;
}

/** The `__rm` a loader provides, made by hand: getters land on `exports`. */
function createRm(evaluated: Evaluated, deps: Namespace[], options: EvaluateOptions) {
  return {
    d: deps,
    x(...list: (() => unknown)[]) {
      const getters: Getters = Object.fromEntries(evaluated.result.exportNames.map((name, i) => [name, list[i]!]));
      options.onExports?.(getters);
      for (const [name, get] of Object.entries(getters)) {
        Object.defineProperty(evaluated.exports, name, { get, enumerable: true, configurable: true });
      }
    },
    m: { url: `file://${options.filename ?? FILENAME}` },
    i(...args: unknown[]) {
      evaluated.dynamicImports.push(args);
      return Promise.resolve({ default: args[0] });
    },
    c(capture: () => Namespace) {
      evaluated.capture = capture;
    },
    w(index: number, value: unknown) {
      evaluated.awaits.push(index);
      return value;
    },
  };
}

function prepare(source: string, options: EvaluateOptions) {
  const filename = options.filename ?? FILENAME;
  const result = transformEsm(source, filename, { capture: options.capture });
  const evaluated: Evaluated = { exports: options.exports ?? {}, result, capture: undefined, dynamicImports: [], awaits: [] };
  const rm = createRm(evaluated, options.deps ?? [], options);
  return { filename, result, evaluated, rm };
}

/** Transforms a module and runs it the way the loader does: a strict function of `__rm`, header on line 0. */
function evaluate(source: string, options: EvaluateOptions = {}): Evaluated {
  const { filename, result, evaluated, rm } = prepare(source, options);
  expect(result.hasTopLevelAwait).toBe(false);
  const body = vm.compileFunction(result.code, ['__rm'], { filename, lineOffset: -1 });
  body.call(undefined, rm);
  return evaluated;
}

/** The same for a module with top-level await: an async function, the wrapper on the header line. */
async function evaluateAsync(source: string, options: EvaluateOptions = {}): Promise<Evaluated> {
  const { filename, result, evaluated, rm } = prepare(source, options);
  expect(result.hasTopLevelAwait).toBe(true);
  const script = new vm.Script(`(async function (__rm) {${result.code}\n})`, { filename, lineOffset: -1 });
  await script.runInThisContext()(rm);
  return evaluated;
}

/** The error a module throws while it runs. */
function thrownBy(source: string, options: EvaluateOptions = {}): Error {
  try {
    evaluate(source, options);
  } catch (error) {
    return error as Error;
  }
  throw new Error('the module did not throw');
}

/** `line:column` (both 1-based, as in a stack trace) of the first `marker` in `source`. */
function positionOf(source: string, marker: string): string {
  const offset = source.indexOf(marker);
  const before = source.slice(0, offset).split('\n');
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

describe('exports', () => {
  test('declarations keep their statements and export every declared name, destructuring included', () => {
    const { exports, result } = evaluate(
      [
        'export const a = 1, { b, c: [d = 4, ...e] } = { b: 2, c: [undefined, 5, 6] };',
        'export let f = "f";',
        'export var g = "g";',
        'export function h() { return "h"; }',
        'export class I {}',
        'export async function* j() {}',
      ].join('\n'),
    );
    expect(result.exportNames).toEqual(['a', 'b', 'd', 'e', 'f', 'g', 'h', 'I', 'j']);
    expect({ ...exports, h: undefined, I: undefined, j: undefined }).toEqual({
      a: 1,
      b: 2,
      d: 4,
      e: [5, 6],
      f: 'f',
      g: 'g',
      h: undefined,
      I: undefined,
      j: undefined,
    });
    expect((exports.h as () => string)()).toBe('h');
    expect((exports.I as { name: string }).name).toBe('I');
    expect(result.code.split('\n')[5]).toBe('       class I {}');
  });

  test('export lists, renames and string names are getters on the local bindings', () => {
    const { exports, result } = evaluate(
      'let a = 1; const b = 2;\nexport { a, b as c, a as "a-b", b as __proto__ };\nexport function bump() { a++; }',
    );
    expect(result.exportNames).toEqual(['a', 'c', 'a-b', '__proto__', 'bump']);
    expect(exports.a).toBe(1);
    expect(exports.c).toBe(2);
    expect(exports['a-b']).toBe(1);
    expect(Object.getOwnPropertyDescriptor(exports, '__proto__')?.get?.()).toBe(2);
    (exports.bump as () => void)();
    expect(exports.a).toBe(2);
    expect(exports['a-b']).toBe(2);
  });

  test('bindings are live: an importer sees a later assignment of the exporter', () => {
    const counter = evaluate('export let count = 0;\nexport function increment() { count++; }').exports;
    const main = evaluate(
      [
        "import { count, increment } from './counter.mjs';",
        "export { count as again } from './counter.mjs';",
        'export const before = count;',
        'increment();',
        'export const after = count;',
        'export function read() { return count; }',
      ].join('\n'),
      { deps: [counter] },
    );
    expect(main.result.imports).toEqual([{ specifier: './counter.mjs', attributes: {} }]);
    expect(main.exports.before).toBe(0);
    expect(main.exports.after).toBe(1);
    (counter.increment as () => void)();
    expect((main.exports.read as () => number)()).toBe(2);
    expect(main.exports.again).toBe(2);
  });

  test('a binding read before its declaration has run throws, as in its temporal dead zone', () => {
    const exports: Namespace = {};
    let error: unknown;
    evaluate('export let late = 1;', {
      exports,
      onExports: (getters) => {
        try {
          getters.late!();
        } catch (e) {
          error = e;
        }
      },
    });
    expect(error).toBeInstanceOf(ReferenceError);
    expect(exports.late).toBe(1);
  });

  describe('default', () => {
    test.each([
      ['an expression', 'export default 6 * 7;', 42],
      ['a parenthesised expression', 'export default(6 * 7);', 42],
      ['an object', 'export default{ a: 1 };', { a: 1 }],
      ['a local name, by value', 'let v = 1;\nexport default v;\nv = 2;', 1],
      ['a renamed local, live', 'let v = 1;\nexport { v as default };\nv = 2;', 2],
      ['with comments and line breaks between the keywords', 'export /* a */\ndefault // b\n(1);', 1],
    ])('%s', (_, source, expected) => {
      const { exports, result } = evaluate(source);
      expect(result.exportNames).toEqual(['default']);
      expect(exports.default).toEqual(expected);
    });

    test('keeps the columns of `export default <expression>`', () => {
      const source = 'export default [1, 2].map((n) => n * 2);';
      const line = transformEsm(source, FILENAME).code.split('\n')[1]!;
      expect(line).toHaveLength(source.length);
      expect(line.indexOf('[1, 2]')).toBe(source.indexOf('[1, 2]'));
    });

    test.each([
      ['function', 'export default function () { return 1; }', 'function'],
      ['async generator', 'export default async function * () {}', 'function'],
      ['class', 'export default class { static seen = this.name; }', 'function'],
      ['arrow', 'export default () => 1;', 'function'],
      ['function expression', 'export default (function () {});', 'function'],
      ['class expression', 'export default (class {});', 'function'],
      ['class expression after comments', 'export /* a */ default /* b */ (class {}) // c', 'function'],
    ])('an anonymous %s is named "default", as in Node', (_, source, type) => {
      const { exports, result } = evaluate(source);
      expect(typeof exports.default).toBe(type);
      expect((exports.default as { name: string }).name).toBe('default');
      expect(result.topLevelNames).toEqual([]);
    });

    test('a class sees its name "default" in its static initialisers', () => {
      const { exports } = evaluate('export default class { static seen = this.name; }');
      expect((exports.default as { seen: string }).seen).toBe('default');
    });

    test('an anonymous default function is hoisted: the header can already read it', () => {
      let atHeader: unknown;
      evaluate('export default function () { return 1; }', { onExports: (getters) => (atHeader = getters.default!()) });
      expect(typeof atHeader).toBe('function');
    });

    test('an anonymous default function keeps the columns of the rest of its line', () => {
      const source = 'export default function () { return 1; }';
      const line = transformEsm(source, FILENAME).code.split('\n')[1]!;
      expect(line.indexOf('{')).toBe(source.indexOf('{'));
    });

    test('a named function or class keeps its name and binding, and the default is live', () => {
      const fn = evaluate('export default function named() {}\nnamed = 2;');
      expect(fn.exports.default).toBe(2);
      expect(fn.result.topLevelNames).toEqual(['named']);
      const cls = evaluate('export default class Named {}');
      expect((cls.exports.default as { name: string }).name).toBe('Named');
    });

    test('survives a module that declares its own Object', () => {
      const { exports } = evaluate('const Object = 1;\nexport default function () {}');
      expect((exports.default as { name: string }).name).toBe('default');
    });
  });
});

describe('imports', () => {
  test('are recorded once per specifier and attributes, in order of first appearance', () => {
    const result = transformEsm(
      [
        "import a from './a.js';",
        "import { b } from './a.js';",
        "import './side.js';",
        "import data from './data.json' with { type: 'json' };",
        "import raw from './data.json';",
        "export { c } from './a.js';",
        "export * from './star.js';",
        "export * as ns from './ns.js';",
        "export * from './data.json' with { type: 'json' };",
      ].join('\n'),
      FILENAME,
    );
    expect(result.imports).toEqual([
      { specifier: './a.js', attributes: {} },
      { specifier: './side.js', attributes: {} },
      { specifier: './data.json', attributes: { type: 'json' } },
      { specifier: './data.json', attributes: {} },
      { specifier: './star.js', attributes: {} },
      { specifier: './ns.js', attributes: {} },
    ]);
    expect(result.starExports).toEqual([4, 2]);
    expect(result.exportNames).toEqual(['c', 'ns']);
    expect(result.topLevelNames).toEqual(['a', 'b', 'data', 'raw']);
  });

  test('default, named, renamed, string-named and namespace imports read the dependency', () => {
    const dep = { default: 'D', a: 'A', 'x-y': 'XY' };
    const { exports } = evaluate(
      [
        "import d, { a as b, 'x-y' as xy } from './dep.js';",
        "import * as ns from './dep.js';",
        'export const out = [d, b, xy, ns.a, ns === ns];',
        "export { a as reexported, 'x-y' as 'also x-y' } from './dep.js';",
        'export { b, ns as namespace };',
      ].join('\n'),
      { deps: [dep] },
    );
    expect(exports.out).toEqual(['D', 'A', 'XY', 'A', true]);
    expect(exports.b).toBe('A');
    expect(exports.namespace).toBe(dep);
    expect(exports.reexported).toBe('A');
    expect(exports['also x-y']).toBe('XY');
  });

  test('an imported name exported again is a getter through the dependency', () => {
    const dep: Namespace = { a: 1 };
    const { exports } = evaluate("import { a as b } from './dep.js';\nexport { b, b as default };", { deps: [dep] });
    dep.a = 2;
    expect(exports.b).toBe(2);
    expect(exports.default).toBe(2);
  });

  test('export * as ns is the dependency namespace itself', () => {
    const dep = { a: 1 };
    const { exports, result } = evaluate("export * as ns from './dep.js';", { deps: [dep] });
    expect(exports.ns).toBe(dep);
    expect(result.starExports).toEqual([]);
  });

  test('import declarations are blanked, keeping lines and columns', () => {
    const source = "import {\n  a,\n} from './a.js'; const x = 1;\nfoo()\nimport './b.js'\n(x)";
    const lines = transformEsm(source, FILENAME).code.split('\n').slice(1);
    expect(lines).toHaveLength(6);
    expect(lines[2]!.indexOf('const x')).toBe(source.split('\n')[2]!.indexOf('const x'));
    // The blank starts with `;`: `foo()` must not swallow the next line as its arguments.
    expect(lines[4]!.trim()).toBe(';');
  });
});

describe('references to imported names', () => {
  const dep = {
    a: 'imported',
    self() {
      return this;
    },
    tag(strings: TemplateStringsArray) {
      return [this, strings[0]];
    },
    Thing: class Thing {},
  };

  function run(body: string): unknown {
    const source = `import { a as b, self, tag, Thing } from './dep.js';\nimport * as ns from './dep.js';\n${body}`;
    return evaluate(source, { deps: [dep, dep] }).exports.out;
  }

  test.each([
    ['a parameter', "function f(b) { return b; }\nexport const out = f('local');", 'local'],
    ['a destructured parameter', "function f({ b }) { return b; }\nexport const out = f({ b: 'local' });", 'local'],
    ['a rest parameter', "const f = (...b) => b[0];\nexport const out = f('local');", 'local'],
    ['a defaulted parameter', "const f = ({ b = 'default' }) => b;\nexport const out = f({});", 'default'],
    ['a let in a block', "let out;\n{ let b = 'local'; out = b; }\nexport { out };", 'local'],
    ['a const in a switch', "let out;\nswitch (1) { case 1: const b = 'local'; out = b; }\nexport { out };", 'local'],
    ['a function-scoped var, hoisted', "function f() { const r = b; var b = 'local'; return r; }\nexport const out = f();", undefined],
    ['a var in a for head', "function f() { for (var b of ['local']); return b; }\nexport const out = f();", 'local'],
    ['a let in a for head', "let out;\nfor (let b = 'local'; out === undefined; ) out = b;\nexport { out };", 'local'],
    ['a for-of const', "let out;\nfor (const b of ['local']) out = b;\nexport { out };", 'local'],
    ['a for-in const', "let out;\nfor (const b in { local: 1 }) out = b;\nexport { out };", 'local'],
    ['a catch parameter', "let out;\ntry { throw 'local'; } catch (b) { out = b; }\nexport { out };", 'local'],
    ['a destructured catch parameter', "let out;\ntry { throw { b: 'local' }; } catch ({ b }) { out = b; }\nexport { out };", 'local'],
    ['a nested function declaration', "function f() { return b(); function b() { return 'local'; } }\nexport const out = f();", 'local'],
    ['a nested class', 'function f() { class b {} return b.name; }\nexport const out = f();', 'b'],
    ['the name of a function expression', 'export const out = (function b() { return typeof b; })();', 'function'],
    ['the name of a class expression', 'export const out = (class b { static n = b.name; }).n;', 'b'],
    ['a var in a static block', "export const out = class { static { var b = 'local'; this.v = b; } }.v;", 'local'],
  ])('are not rewritten when shadowed by %s', (_, body, expected) => {
    expect(run(body)).toEqual(expected);
  });

  test.each([
    ['after the shadowing scope ends', "{ let b = 'local'; }\nfunction f(b) {}\nexport const out = b;", 'imported'],
    ['in a parameter default, even when the body declares the name', "function f(x = b) { let b = 'local'; return x; }\nexport const out = f();", 'imported'],
    ['in a computed key of a destructuring', "const { [b]: v } = { imported: 'v' };\nexport const out = v;", 'v'],
    ['in a destructuring default', 'const { z = b } = {};\nexport const out = z;', 'imported'],
    ['in a shorthand property', 'export const out = { b };', { b: 'imported' }],
    ['in a template literal', `export const out = \`<\${b}>\`;`, '<imported>'],
    ['under typeof', 'export const out = typeof b;', 'string'],
    ['in a labelled statement of the same name', "let out;\nb: { out = b; break b; }\nexport { out };", 'imported'],
    ['in a class field initialiser and a method', 'class K { b = b; m() { return b; } }\nexport const out = [new K().b, new K().m()];', ['imported', 'imported']],
    ['in a computed class member', 'class K { [b]() { return 1; } }\nexport const out = new K().imported();', 1],
    ['used before the import declaration', "export const out = b;\nimport { a as c } from './other.js';", 'imported'],
  ])('are rewritten %s', (_, body, expected) => {
    expect(run(body)).toEqual(expected);
  });

  test('leave property keys, member names, methods and class fields of the same name alone', () => {
    expect(run("const o = { b: 1, b2: 2 };\nexport const out = [o.b, { b() { return 'm'; } }.b(), new (class { b = 3; })().b];")).toEqual([
      1,
      'm',
      3,
    ]);
  });

  test('a call does not pass the namespace as `this`', () => {
    expect(run('export const out = [self(), tag`x`, self?.(), ns.self() === ns];')).toEqual([
      undefined,
      [undefined, 'x'],
      undefined,
      true,
    ]);
  });

  test('`new` constructs the imported class', () => {
    expect(run('export const out = new Thing() instanceof Thing;')).toBe(true);
  });

  test('assigning to an import throws a TypeError, as in Node, when the namespace has only getters', () => {
    const namespace = Object.defineProperty({}, 'a', { get: () => 1, enumerable: true });
    expect(() => evaluate("import { a as b } from './dep.js';\nb = 2;", { deps: [namespace] })).toThrow(TypeError);
    expect(() => evaluate("import { a as b } from './dep.js';\n({ b } = { b: 2 });", { deps: [namespace] })).toThrow(
      TypeError,
    );
  });

  test('only the rewritten identifiers change: the rest of the text is untouched', () => {
    const source = "import { a as b } from './dep.js';\nconst o = { b, c: b };\no.b = b(b);";
    expect(transformEsm(source, FILENAME).code.split('\n').slice(2)).toEqual([
      'const o = { b:__rm$0.a, c: __rm$0.a };',
      'o.b = (0,__rm$0.a)(__rm$0.a);',
    ]);
  });
});

describe('a circular pair of modules', () => {
  const a = [
    "import { b, getB } from './b.mjs';",
    "export let value = 'A';",
    'export function getA() { return value; }',
    'export function fromB() { return b + getB(); }',
    "export function greet() { return 'hi from A'; }",
  ].join('\n');
  const b = [
    "import { value, getA, greet } from './a.mjs';",
    "export let b = 'B';",
    'export function getB() { return b; }',
    'export function fromA() { return value + getA(); }',
    'export let early;',
    'try { early = value; } catch (error) { early = error.constructor.name; }',
    'export let greeting;',
    'try { greeting = greet(); } catch (error) { greeting = error.constructor.name; }',
    "export function hello() { return 'hello'; }",
  ].join('\n');

  test('evaluated by hand, dependency first: both see each other live once both have run', () => {
    const nsA: Namespace = {};
    const nsB: Namespace = {};
    evaluate(b, { deps: [nsA], exports: nsB });
    evaluate(a, { deps: [nsB], exports: nsA });
    expect((nsB.fromA as () => string)()).toBe('AA');
    expect((nsA.fromB as () => string)()).toBe('BB');
    // A has not run at all when B runs: its getters do not exist yet.
    expect(nsB.early).toBeUndefined();
  });

  test('with the header run first for both (a link phase), hoisted functions work across the cycle and let is in its TDZ, as in Node', () => {
    // A loader may split the header (line 1) from the body: here a generator yields after it.
    const instantiate = (source: string, deps: Namespace[], exports: Namespace): Generator => {
      const { filename, result, rm } = prepare(source, { deps, exports });
      const [header, ...rest] = result.code.split('\n');
      const wrapped = `(function* (__rm) {${header}yield;\n${rest.join('\n')}\n})`;
      const body = new vm.Script(wrapped, { filename, lineOffset: -1 }).runInThisContext()(rm) as Generator;
      body.next();
      return body;
    };
    const nsA: Namespace = {};
    const nsB: Namespace = {};
    const bodyA = instantiate(a, [nsB], nsA);
    const bodyB = instantiate(b, [nsA], nsB);
    bodyB.next();
    bodyA.next();
    expect(nsB.early).toBe('ReferenceError');
    expect(nsB.greeting).toBe('hi from A');
    expect((nsA.fromB as () => string)()).toBe('BB');
  });
});

describe('import.meta and import()', () => {
  test('import.meta is __rm.m, padded to the same width', () => {
    const source = 'export const url = import.meta.url, same = import.meta === import.meta;';
    const { exports, result } = evaluate(source);
    expect(exports).toEqual({ url: `file://${FILENAME}`, same: true });
    expect(result.code.split('\n')[1]).toBe('       const url = __rm.m     .url, same = __rm.m      === __rm.m     ;');
  });

  test('import() is __rm.i(), with its options, at the same position', async () => {
    const source = "export const p = import('./lazy.js'), q = import('./data.json', { with: { type: 'json' } });";
    const { exports, dynamicImports, result } = evaluate(source);
    expect(dynamicImports).toEqual([['./lazy.js'], ['./data.json', { with: { type: 'json' } }]]);
    await expect(exports.p).resolves.toEqual({ default: './lazy.js' });
    expect(result.code.split('\n')[1]!.indexOf('__rm.i(')).toBe(source.indexOf('import('));
    expect(result.imports).toEqual([]);
  });

  // With nothing imported, functions and classes without `import` in them are not walked.
  test('are found in functions and classes of a module that imports nothing, however deep', () => {
    const source = [
      'function outer() { return () => class { m() { return import.meta.url; } }; }',
      'class K { static load() { return import("./k.js"); } }',
      'export const url = new (outer()())().m(), loaded = K.load();',
      'export function plain(a) { const b = a + 1; return b; }',
      'export const data = [{ deep: [{ meta: import.meta.url }] }, { plain: [1, 2] }];',
    ].join('\n');
    const { exports, dynamicImports } = evaluate(source);
    expect(exports.url).toBe(`file://${FILENAME}`);
    expect(exports.data).toEqual([{ deep: [{ meta: `file://${FILENAME}` }] }, { plain: [1, 2] }]);
    expect(dynamicImports).toEqual([['./k.js']]);
    expect((exports.plain as (a: number) => number)(1)).toBe(2);
  });

  test('the heritage of a class, or a data literal, of a module that imports nothing may await at the top level', () => {
    const source = 'const B = class extends (await Promise.resolve(Object)) {};\nconst d = [{ v: [await 1] }];';
    const result = transformEsm(source, FILENAME);
    expect(result.hasTopLevelAwait).toBe(true);
    expect(result.topLevelAwaits).toEqual([source.indexOf('await Promise'), source.indexOf('await 1')]);
  });
});

describe('top-level await', () => {
  test.each([
    ['await', 'await 1;', true],
    ['for await', 'for await (const x of []) {}', true],
    ['await in a block', 'if (true) { await 1; }', true],
    ['await in a class computed key', 'class K { [await "k"] = 1; }', true],
    ['await in an async function', 'async function f() { await 1; }', false],
    ['for await in an async arrow', 'const f = async () => { for await (const x of []); };', false],
    ['await in an async method', 'class K { async m() { await 1; } }', false],
    ['none', 'const x = 1;', false],
  ])('is detected: %s', (_, source, expected) => {
    expect(transformEsm(source, FILENAME).hasTopLevelAwait).toBe(expected);
  });

  test('a module with top-level await runs as an async function', async () => {
    const dep = { value: Promise.resolve(41) };
    const { exports } = await evaluateAsync(
      "import { value } from './dep.js';\nexport const answer = (await value) + 1;",
      { deps: [dep] },
    );
    expect(exports.answer).toBe(42);
  });

  test('each top-level await reports its index as it is reached, not awaits inside functions', async () => {
    const source = 'await 1;\nconst f = async () => { await 2; };\nawait f();\nexport const done = await 3;';
    const evaluated = await evaluateAsync(source, {});
    expect(evaluated.awaits).toEqual([0, 1, 2]);
    expect(evaluated.result.topLevelAwaits).toEqual([0, source.indexOf('await f'), source.indexOf('await 3')]);
    expect(evaluated.exports.done).toBe(3);
  });
});

describe('capture', () => {
  const source = [
    "import { a as b } from './dep.js';",
    "import * as ns from './dep.js';",
    'const c = 1;',
    "var v = 'v';",
    'function f() {}',
    'class C {}',
    'const { p, q: [r = 2, ...s] } = { q: [] };',
    "if (true) { var nested = 'n'; let blockScoped = 1; }",
    'export let exported = 3;',
    "throw new Error('halfway');",
    'let late = 4;',
    'var hoisted = 5;',
    'class Late {}',
  ].join('\n');

  test('topLevelNames lists every top-level binding in source order', () => {
    expect(transformEsm(source, FILENAME).topLevelNames).toEqual([
      'b',
      'ns',
      'c',
      'v',
      'f',
      'C',
      'p',
      'r',
      's',
      'nested',
      'exported',
      'late',
      'hoisted',
      'Late',
    ]);
  });

  test('reads every binding reached, leaves those in their temporal dead zone out, and reads imports live', () => {
    const dep: Namespace = { a: 'A' };
    const { result, evaluated, rm } = prepare(source, { deps: [dep, dep], capture: true });
    const body = vm.compileFunction(result.code, ['__rm'], { filename: FILENAME, lineOffset: -1 });
    expect(() => body.call(undefined, rm)).toThrow('halfway');
    const capture = evaluated.capture!;
    const namespace = capture();
    expect(Object.keys(namespace)).toEqual(['b', 'ns', 'c', 'v', 'f', 'C', 'p', 'r', 's', 'nested', 'exported', 'hoisted']);
    expect(namespace).toMatchObject({ b: 'A', ns: dep, c: 1, v: 'v', p: undefined, r: 2, s: [], nested: 'n', exported: 3 });
    expect(namespace.hoisted).toBeUndefined();
    dep.a = 'changed';
    expect(capture().b).toBe('changed');
  });

  test('a binding named __proto__ is an ordinary key', () => {
    const { capture } = evaluate('let __proto__ = 1;', { capture: true });
    const namespace = capture!();
    expect(Object.getPrototypeOf(namespace)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(namespace, '__proto__')?.value).toBe(1);
  });

  test('adds one line after the source and none before it', () => {
    const { code } = transformEsm('const a = 1;\n// last line', FILENAME, { capture: true });
    const lines = code.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('__rm.c(__rm$capture);');
    expect(lines[3]).toMatch(/^;function __rm\$capture\(\)/);
  });
});

describe('positions', () => {
  test.each([
    ['after imports', "import { a } from './dep.js';\nimport * as ns from './dep.js';\n\nfunction boom() {\n  throw new Error('x');\n}\nboom();"],
    ['on the first line', "throw new Error('x');"],
    ['after a blanked export', "export const v = (() => { throw new Error('x'); })();"],
    ['after an anonymous default function', "export default function () { throw new Error('x'); }\n__rm$d();"],
    ['after import.meta', "const u = import.meta.url; throw new Error('x');"],
    ['after a multi-line import', "import {\n  a,\n  b as c,\n} from './dep.js'; throw new Error('x');"],
    ['after a shebang', "#!/usr/bin/env node\nthrow new Error('x');"],
  ])('a thrown error reports the original line and column %s', (_, source) => {
    const error = thrownBy(source, { deps: [{}] });
    expect(error.stack).toContain(`${FILENAME}:${positionOf(source, "new Error('x')")}`);
  });

  test('after a rewritten reference, the line is the same and the map gives back the column', () => {
    const source = "import { a as b } from './dep.js';\n\nconst v = b + b; throw new Error('x');";
    const error = thrownBy(source, { deps: [{ a: 1 }] });
    const match = new RegExp(`${FILENAME}:(\\d+):(\\d+)`).exec(error.stack!)!;
    expect(match[1]).toBe('3');
    const { map } = transformEsm(source, FILENAME);
    // V8 counts with lineOffset -1; the map counts the header: one line more, columns 0-based.
    const original = originalPositionFor(new TraceMap(map as never), {
      line: Number(match[1]) + 1,
      column: Number(match[2]) - 1,
    });
    expect(`${original.line}:${original.column! + 1}`).toBe(positionOf(source, "new Error('x')"));
    expect(original.source).toBe(FILENAME);
  });

  test('the output has exactly one line more than the input, whatever was rewritten', () => {
    const source = [
      '#!/usr/bin/env node',
      "import def, {\n  a as b,\n} from './dep.js';",
      "export { b as c } from './dep.js';",
      "export * from './star.js';",
      'export default\n  (() => b)',
      `export const x = \`\${b}\`;`,
      'const m = import.meta\n  .url;',
    ].join('\n');
    const { code } = transformEsm(source, FILENAME);
    expect(code.split('\n')).toHaveLength(source.split('\n').length + 1);
  });

  test('a shebang becomes a comment of the same length', () => {
    const { code } = transformEsm('#!/usr/bin/env node\nexport const a = 1;', FILENAME);
    expect(code.split('\n')[1]).toBe('///usr/bin/env node');
  });

  test('input that does not parse throws acorn SyntaxError with its location', () => {
    let error: (SyntaxError & { loc?: { line: number; column: number } }) | undefined;
    try {
      transformEsm('const a = 1;\nconst b = ;', FILENAME);
    } catch (e) {
      error = e as typeof error;
    }
    expect(error).toBeInstanceOf(SyntaxError);
    expect(error!.loc).toMatchObject({ line: 2, column: 10 });
  });
});

