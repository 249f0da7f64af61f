import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  findPackageScope,
  moduleFormat,
  type ResolveContext,
  type ResolveFs,
  type Resolved,
  realFs,
  resolveModule,
} from '../../src/loader/resolve.js';

type Tree = Record<string, string | object | { symlink: string }>;

function writeTree(root: string, tree: Tree): void {
  for (const [path, content] of Object.entries(tree)) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    if (typeof content === 'object' && 'symlink' in content) symlinkSync(content.symlink as string, target);
    else writeFileSync(target, typeof content === 'string' ? content : JSON.stringify(content));
  }
}

// Imported by the child `node`: import.meta.resolve from its directory, and import() for the
// failures import.meta.resolve hides (a missing file or a directory still returns a URL).
const PROBE = `import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
export async function probe(specifier) {
  const fail = (e) => ({ error: { name: e.constructor.name, code: e.code, message: e.message } });
  let url;
  try { url = import.meta.resolve(specifier); } catch (e) { return fail(e); }
  if (url.startsWith('node:')) return { ok: url };
  try { if (url.startsWith('file:') && statSync(fileURLToPath(url)).isFile()) return { ok: fileURLToPath(url) }; } catch {}
  try { await import(specifier); } catch (e) { return fail(e); }
  return { ok: url };
}
`;

const CHILD = `const cases = JSON.parse(process.argv[1]);
const results = [];
for (const [specifier, probePath] of cases) results.push(await (await import(probePath)).probe(specifier));
console.log(JSON.stringify(results));`;

type Outcome = { ok: string } | { error: { name: string; code: unknown; message: string } };

function outcome(run: () => string): Outcome {
  try {
    return { ok: run() };
  } catch (error) {
    const e = error as Error & { code?: unknown };
    return { error: { name: e.constructor.name, code: e.code, message: e.message } };
  }
}

const idOf = (resolved: Resolved) => (resolved.kind === 'file' ? resolved.path : resolved.id);

let root: string;
const ctx = (extra: Partial<ResolveContext> = {}): ResolveContext => ({ fs: realFs, cache: new Map(), cwd: root, ...extra });
const resolveIn = (mode: 'require' | 'import', specifier: string, parent: string, extra?: Partial<ResolveContext>) =>
  idOf(resolveModule(specifier, join(root, parent), mode, ctx(extra)));

/** What real `node` answers for `import specifier` from each probe, in one child process. */
function nodeImports(cases: [string, string][]): Outcome[] {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const absolute = cases.map(([specifier, probe]) => [specifier, join(root, probe)]);
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', CHILD, JSON.stringify(absolute)], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  return JSON.parse(out) as Outcome[];
}

/** What real `node` answers for `require.resolve(specifier)` from `parent` (this process's own loader). */
function nodeRequire(specifier: string, parent: string): Outcome {
  const require = createRequire(join(root, parent));
  return outcome(() => {
    const found = require.resolve(specifier);
    return found.startsWith('/') || found.startsWith('node:') ? found : `node:${found}`;
  });
}

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'run-as-main-resolve-')));
  writeTree(root, {
    'package.json': {
      name: 'app',
      type: 'module',
      exports: { '.': './src/main.js', './feature': './src/feature.js' },
      imports: {
        '#util': './src/util.js',
        '#lib/*': './src/lib/*.js',
        '#dep': 'dep',
        '#dep/*': 'dep/lib/*.js',
        '#cond': { require: './src/req.cjs', import: './src/imp.mjs' },
        '#missing': './src/missing.js',
        '#null': null,
        '#fs': 'fs',
        '#/*': './src/lib/*.js',
      },
    },
    '__probe.mjs': PROBE,
    'src/__probe.mjs': PROBE,
    'src/main.js': '',
    'src/util.js': '',
    'src/feature.js': '',
    'src/req.cjs': '',
    'src/imp.mjs': '',
    'src/lib/a.js': '',
    'src/lib/deep/b.js': '',
    'src/data.json': '{}',
    'src/noext': '',
    'src/a b.js': '',
    'src/dir/index.js': '',
    'src/dirmain/package.json': { main: './entry' },
    'src/dirmain/entry.js': '',
    'src/badmain/package.json': { main: 'missing.js' },
    'src/link.js': { symlink: 'util.js' },
    'src/x.ts': '',
    'src/y.tsx': '',
    'src/m.mts': '',
    'src/c.cts': '',
    'src/tsdir/index.ts': '',
    'src/both.js': '',
    'src/both.ts': '',
    'src/tsmain/package.json': { main: 'src/index' },
    'src/tsmain/src/index.ts': '',
    'src/cjs/package.json': { type: 'commonjs' },
    'src/cjs/__probe.mjs': PROBE,
    'src/cjs/x.js': '',
    'node_modules/dep/package.json': { main: 'lib/index' },
    'node_modules/dep/lib/index.js': '',
    'node_modules/dep/lib/other.js': '',
    'node_modules/cond/package.json': {
      name: 'cond',
      exports: {
        '.': { import: './esm.mjs', require: './cjs.cjs' },
        './feature': { node: { import: './f.mjs', default: './f.cjs' } },
        './sub/*': './lib/*.js',
        './sub/*.json': './data/*.json',
        './sub/internal/*': null,
        './fallback': ['bad-target', './lib/a.js'],
        './bad': 'lib/a.js',
        './escape': './../dep/lib/index.js',
        './missing': './lib/missing.js',
        './dir/*': './lib/*',
        './package.json': './package.json',
      },
    },
    'node_modules/cond/esm.mjs': '',
    'node_modules/cond/cjs.cjs': '',
    'node_modules/cond/f.mjs': '',
    'node_modules/cond/f.cjs': '',
    'node_modules/cond/lib/a.js': '',
    'node_modules/cond/lib/b/c.js': '',
    'node_modules/cond/data/d.json': '{}',
    'node_modules/sugar/package.json': { exports: './main.js' },
    'node_modules/sugar/main.js': '',
    'node_modules/cond-sugar/package.json': { exports: { require: './r.cjs', default: './d.mjs' } },
    'node_modules/cond-sugar/r.cjs': '',
    'node_modules/cond-sugar/d.mjs': '',
    'node_modules/mixed/package.json': { exports: { '.': './a.js', x: './b.js' } },
    'node_modules/@scope/pkg/package.json': { name: '@scope/pkg', exports: { './*': './dist/*.js' } },
    'node_modules/@scope/pkg/dist/a.js': '',
    'node_modules/noexports/package.json': {},
    'node_modules/noexports/index.js': '',
    'node_modules/noexports/sub/x.js': '',
    'node_modules/nomain/package.json': {},
    'node_modules/badjson/package.json': '{oops',
    'node_modules/badjson/index.js': '',
    'node_modules/sync/package.json': { exports: { 'module-sync': './sync.js', default: './default.js' } },
    'node_modules/sync/sync.js': '',
    'node_modules/sync/default.js': '',
    // What Node 22's C++ package.json reader refuses or ignores, and a "main" read as a URL or a path.
    'node_modules/badname/package.json': { name: 1 },
    'node_modules/badname/index.js': '',
    'node_modules/nulljson/package.json': 'null',
    'node_modules/nulljson/index.js': '',
    'node_modules/boolexports/package.json': { exports: true, main: 'main.js' },
    'node_modules/boolexports/main.js': '',
    'node_modules/pctmain/package.json': { main: 'a%20b' },
    'node_modules/pctmain/a b.js': '',
    'node_modules/pctmain/a%20b.js': '',
    'src/badscope/package.json': { name: 1 },
    'src/badscope/__probe.mjs': PROBE,
    'node_modules/linked': { symlink: '../packages/linked' },
    'packages/linked/package.json': { name: 'linked', main: 'main.js' },
    'packages/linked/main.js': '',
    'packages/linked/__probe.mjs': PROBE,
    'nested/node_modules/dep/package.json': { main: 'nested.js' },
    'nested/node_modules/dep/nested.js': '',
    'nested/__probe.mjs': PROBE,
  });
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const FROM_ROOT = [
  './src/util.js',
  './src/util',
  './src/data.json',
  './src/data',
  './src/noext',
  './src/dir',
  './src/dir/',
  './src/dirmain',
  './src/badmain',
  './src/missing.js',
  './src/a b.js',
  './src/a%20b.js',
  './src/link.js',
  './src/../src/util.js',
  './src/util.js?query=1',
  './src/util.js#hash',
  './src/a%2fb.js',
  '..',
  'dep',
  'dep/lib/other',
  'dep/lib/other.js',
  'cond',
  'cond/feature',
  'cond/sub/a',
  'cond/sub/b/c',
  'cond/sub/d.json',
  'cond/sub/internal/x',
  'cond/sub/../a',
  'cond/fallback',
  'cond/bad',
  'cond/escape',
  'cond/missing',
  'cond/dir/b',
  'cond/nope',
  'cond/sub/%61',
  'cond/sub/x%2fy',
  'dep/',
  '@scope/pkg',
  'cond/package.json',
  'sugar',
  'sugar/main.js',
  'cond-sugar',
  'mixed',
  '@scope/pkg/a',
  '@scope/pkg/package.json',
  '@scope',
  'noexports',
  'noexports/sub/x',
  'noexports/sub/x.js',
  'nomain',
  'badjson',
  'badname',
  'nulljson',
  'boolexports',
  'pctmain',
  'sync',
  'linked',
  'nope',
  'nope/sub',
  '.hidden',
  'app',
  'app/feature',
  'app/nope',
  '#util',
  '#lib/a',
  '#lib/deep/b',
  '#dep',
  '#dep/other',
  '#cond',
  '#missing',
  '#null',
  '#nope',
  '#',
  '#fs',
  '#/a',
  'fs',
  'node:fs',
  'fs/promises',
  'node:test',
  'test',
];

const CASES: [string, string][] = [
  ...FROM_ROOT.map((specifier): [string, string] => [specifier, '__probe.mjs']),
  ...['../util.js', './util.js', '#util', 'app', '../src/util.js', './x.js'].map((s): [string, string] => [
    s,
    'src/cjs/__probe.mjs',
  ]),
  ...['dep', 'cond', 'app/feature'].map((s): [string, string] => [s, 'nested/__probe.mjs']),
  ...['dep', 'linked', './main.js'].map((s): [string, string] => [s, 'packages/linked/__probe.mjs']),
  ...['dep', '#util', '../util.js'].map((s): [string, string] => [s, 'src/badscope/__probe.mjs']),
];

describe('resolution compared with real node', () => {
  test('import mode gives what node gives: the same file, or the same error class, code and message', () => {
    const expected = nodeImports(CASES);
    const received = CASES.map(([specifier, probe]) => outcome(() => resolveIn('import', specifier, probe)));
    const table = (outcomes: Outcome[]) => CASES.map(([s, p], i) => ({ from: p, specifier: s, ...outcomes[i] }));
    expect(table(received)).toEqual(table(expected));
  });

  test('require mode gives what require.resolve gives: the same file, or the same error class, code and message', () => {
    const expected = CASES.map(([specifier, probe]) => nodeRequire(specifier, probe));
    const received = CASES.map(([specifier, probe]) => outcome(() => resolveIn('require', specifier, probe)));
    const table = (outcomes: Outcome[]) => CASES.map(([s, p], i) => ({ from: p, specifier: s, ...outcomes[i] }));
    expect(table(received)).toEqual(table(expected));
  });

  test('absolute paths and file: URLs resolve like relative ones in both modes', () => {
    const file = join(root, 'src/util.js');
    expect(resolveIn('import', file, '__probe.mjs')).toBe(file);
    expect(resolveIn('import', pathToFileURL(file).href, '__probe.mjs')).toBe(file);
    expect(resolveIn('require', join(root, 'src/util'), '__probe.mjs')).toBe(file);
    expect(nodeRequire(join(root, 'src/util'), '__probe.mjs')).toEqual({ ok: file });
  });
});

describe('builtins', () => {
  test('builtins resolve to their node: id, and node:-only builtins need the prefix', () => {
    for (const mode of ['require', 'import'] as const) {
      expect(resolveModule('fs', join(root, 'x.js'), mode, ctx())).toEqual({ kind: 'builtin', id: 'node:fs' });
      expect(resolveModule('node:fs/promises', join(root, 'x.js'), mode, ctx())).toEqual({
        kind: 'builtin',
        id: 'node:fs/promises',
      });
      expect(resolveModule('node:test', join(root, 'x.js'), mode, ctx())).toEqual({ kind: 'builtin', id: 'node:test' });
      expect(() => resolveModule('test', join(root, 'x.js'), mode, ctx())).toThrow(/Cannot find (module|package) 'test'/);
    }
  });

  test('an unknown node: builtin throws ERR_UNKNOWN_BUILTIN_MODULE as require() does', () => {
    const require = createRequire(join(root, 'x.js'));
    const expected = outcome(() => require('node:nope'));
    expect(outcome(() => resolveIn('require', 'node:nope', 'x.js'))).toEqual(expected);
    expect(outcome(() => resolveIn('import', 'node:nope', 'x.js'))).toEqual(expected);
  });
});

describe('TypeScript parents', () => {
  const parent = 'src/parent.ts';

  test.each([
    ['./x.js', 'src/x.ts'],
    ['./y.jsx', 'src/y.tsx'],
    ['./y.js', 'src/y.tsx'],
    ['./m.mjs', 'src/m.mts'],
    ['./c.cjs', 'src/c.cts'],
    ['./both.js', 'src/both.js'],
  ])('%s written in a .ts file finds %s in both modes', (specifier, file) => {
    expect(resolveIn('import', specifier, parent)).toBe(join(root, file));
    expect(resolveIn('require', specifier, parent)).toBe(join(root, file));
  });

  test('an extensionless or directory import from a .ts file finds the .ts file or index.ts', () => {
    expect(resolveIn('import', './x', parent)).toBe(join(root, 'src/x.ts'));
    expect(resolveIn('import', './y', parent)).toBe(join(root, 'src/y.tsx'));
    expect(resolveIn('import', './tsdir', parent)).toBe(join(root, 'src/tsdir/index.ts'));
    expect(resolveIn('import', './tsdir/', parent)).toBe(join(root, 'src/tsdir/index.ts'));
    expect(resolveIn('import', './util', 'src/parent.mts')).toBe(join(root, 'src/util.js'));
  });

  test('from a .js file, import keeps Node rules: no .ts for .js, no extension search', () => {
    expect(() => resolveIn('import', './x.js', 'src/parent.js')).toThrow(/Cannot find module '.*\/src\/x\.js'/);
    expect(() => resolveIn('import', './x', 'src/parent.js')).toThrow(/Cannot find module '.*\/src\/x'/);
  });

  test('require from any parent tries .ts, .tsx, .cts and .mts after the JavaScript extensions', () => {
    expect(resolveIn('require', './src/x', 'main.js')).toBe(join(root, 'src/x.ts'));
    expect(resolveIn('require', './src/c', 'main.js')).toBe(join(root, 'src/c.cts'));
    expect(resolveIn('require', './src/both', 'main.js')).toBe(join(root, 'src/both.js'));
    expect(resolveIn('require', './src/tsdir', 'main.js')).toBe(join(root, 'src/tsdir/index.ts'));
    expect(resolveIn('require', './src/tsmain', 'main.js')).toBe(join(root, 'src/tsmain/src/index.ts'));
  });

  test('a failed TypeScript fallback still throws the Node error', () => {
    expect(() => resolveIn('import', './nope.js', parent)).toThrow(
      `Cannot find module '${join(root, 'src/nope.js')}' imported from ${join(root, parent)}`,
    );
    expect(() => resolveIn('require', './nope.js', parent)).toThrow(
      `Cannot find module './nope.js'\nRequire stack:\n- ${join(root, parent)}`,
    );
  });
});

describe('errors', () => {
  test('Node errors carry the code in their stack header and toString, like Node internal errors', () => {
    const error = (() => {
      try {
        resolveIn('import', 'cond/nope', 'x.mjs');
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.stack?.split('\n')[0]).toBe(
      `Error [ERR_PACKAGE_PATH_NOT_EXPORTED]: Package subpath './nope' is not defined by "exports" in ${root}/node_modules/cond/package.json imported from ${root}/x.mjs`,
    );
    expect(String(error)).toMatch(/^Error \[ERR_PACKAGE_PATH_NOT_EXPORTED\]: /);
    expect(error?.name).toBe('Error');
    expect(Object.keys(error ?? {})).toEqual(['code']);
    expect(error?.stack).not.toMatch(/resolve-errors|package-resolve|esm-resolve/);
  });

  test('MODULE_NOT_FOUND lists the require stack from the context when given', () => {
    const requireStack = [join(root, 'a.js'), join(root, 'main.js')];
    expect(() => resolveIn('require', './nope', 'a.js', { requireStack })).toThrow(
      `Cannot find module './nope'\nRequire stack:\n- ${requireStack.join('\n- ')}`,
    );
    try {
      resolveIn('require', './nope', 'a.js', { requireStack });
    } catch (error) {
      expect(error).toMatchObject({ code: 'MODULE_NOT_FOUND', requireStack });
      expect((error as Error).stack?.split('\n')[0]).toBe("Error: Cannot find module './nope'");
    }
  });

  test('a main that does not exist, with an index fallback, reports DEP0128 through emitWarning', () => {
    writeTree(root, { 'node_modules/fallback/package.json': { main: 'gone.js' }, 'node_modules/fallback/index.js': '' });
    const warnings: string[][] = [];
    const emitWarning = (...args: string[]) => warnings.push(args);
    expect(resolveIn('require', 'fallback', 'main.js', { emitWarning })).toBe(join(root, 'node_modules/fallback/index.js'));
    expect(warnings).toEqual([
      [
        `Invalid 'main' field in '${root}/node_modules/fallback/package.json' of 'gone.js'. Please either fix that or report it to the module author`,
        'DeprecationWarning',
        'DEP0128',
      ],
    ]);
  });

  test('a trailing-slash subpath matching an "exports" pattern reports DEP0155 once', () => {
    const warnings: string[][] = [];
    const context = ctx({ emitWarning: (...args: string[]) => warnings.push(args) });
    for (let i = 0; i < 2; i++) {
      expect(() => resolveModule('cond/sub/', join(root, 'x.mjs'), 'import', context)).toThrow(
        `Package subpath './sub/' is not defined by "exports" in ${root}/node_modules/cond/package.json imported from ${root}/x.mjs`,
      );
    }
    expect(warnings).toEqual([
      [
        `Use of deprecated trailing slash pattern mapping "./sub/" in the "exports" field module resolution of the package at ${root}/node_modules/cond/package.json imported from ${root}/x.mjs. Mapping specifiers ending in "/" is no longer supported.`,
        'DeprecationWarning',
        'DEP0155',
      ],
    ]);
  });

  test('a data: URL import is refused with an error that names it', () => {
    expect(() => resolveIn('import', 'data:text/javascript,1', 'x.mjs')).toThrow(/data: URLs are not supported/);
  });

  test('an http: import throws ERR_UNSUPPORTED_ESM_URL_SCHEME as node does', () => {
    expect(() => resolveIn('import', 'http://example.com/x.js', 'x.mjs')).toThrow(
      "Only URLs with a scheme in: file, data, and node are supported by the default ESM loader. Received protocol 'http:'",
    );
  });

  test('a parent that is not an absolute path is a misuse error', () => {
    expect(() => resolveModule('./x.js', 'src/x.js', 'import', ctx())).toThrow(
      /expects a string specifier and an absolute parentPath/,
    );
  });
});

describe('package scope and module format', () => {
  test('findPackageScope returns the nearest package.json and stops at node_modules', () => {
    expect(findPackageScope(join(root, 'src/cjs/x.js'), ctx())).toEqual({
      dir: join(root, 'src/cjs'),
      json: { type: 'commonjs' },
    });
    expect(findPackageScope(join(root, 'src/lib/deep/b.js'), ctx())?.dir).toBe(root);
    expect(findPackageScope(join(root, 'node_modules/dep/lib/index.js'), ctx())?.dir).toBe(
      join(root, 'node_modules/dep'),
    );
    expect(findPackageScope(join(root, 'node_modules/loose.js'), ctx())).toBeUndefined();
  });

  test('findPackageScope throws ERR_INVALID_PACKAGE_CONFIG for a package.json that does not parse', () => {
    expect(() => findPackageScope(join(root, 'node_modules/badjson/index.js'), ctx())).toThrow(
      `Invalid package config ${root}/node_modules/badjson/package.json while importing ${root}/node_modules/badjson/index.js. Expected property name or '}' in JSON at position 1`,
    );
  });

  test.each([
    ['src/a.mjs', 'module'],
    ['src/a.mts', 'module'],
    ['src/a.cjs', 'commonjs'],
    ['src/a.cts', 'commonjs'],
    ['src/a.json', 'json'],
    ['src/a.node', 'addon'],
    ['src/a.wasm', 'wasm'],
    ['src/a.js', 'module'],
    ['src/a.ts', 'module'],
    ['src/a.tsx', 'module'],
    ['src/noext', 'module'],
    ['src/cjs/a.js', 'commonjs'],
    ['src/cjs/a.jsx', 'commonjs'],
    ['node_modules/dep/lib/index.js', 'ambiguous'],
    ['node_modules/loose.ts', 'ambiguous'],
  ])('moduleFormat(%s) is %s', (file, format) => {
    expect(moduleFormat(join(root, file), ctx())).toBe(format);
  });
});

/** A file system that counts its calls, over the real disk. */
function countingFs(): ResolveFs & { calls: string[] } {
  const calls: string[] = [];
  const counted =
    <T>(name: keyof ResolveFs, read: (path: string) => T) =>
    (path: string): T => {
      calls.push(`${name} ${path}`);
      return read(path);
    };
  return {
    calls,
    kind: counted('kind', realFs.kind),
    readFile: counted('readFile', realFs.readFile),
    realpath: counted('realpath', realFs.realpath),
  };
}

describe('file-system reads and caching', () => {
  test('a relative specifier with its extension costs one kind() call', () => {
    const fs = countingFs();
    resolveModule('./src/util.js', join(root, 'main.js'), 'import', { fs });
    resolveModule('./src/util.js', join(root, 'main.js'), 'require', { fs });
    expect(fs.calls.filter((call) => call.startsWith('kind'))).toEqual([
      `kind ${root}/src/util.js`,
      `kind ${root}/src/util.js`,
    ]);
  });

  test('a repeated resolution is answered from ctx.cache without touching the file system', () => {
    const fs = countingFs();
    const context: ResolveContext = { fs, cache: new Map() };
    expect(idOf(resolveModule('cond/sub/a', join(root, 'src/main.js'), 'import', context))).toBe(
      join(root, 'node_modules/cond/lib/a.js'),
    );
    const first = fs.calls.length;
    resolveModule('cond/sub/a', join(root, 'src/other.js'), 'import', context);
    expect(fs.calls.length).toBe(first);
  });

  test('package.json files are read once per cache', () => {
    const fs = countingFs();
    const context: ResolveContext = { fs, cache: new Map() };
    for (const specifier of ['cond', 'cond/feature', 'cond/sub/a', '#util', '#lib/a']) {
      resolveModule(specifier, join(root, 'src/main.js'), 'import', context);
      resolveModule(specifier, join(root, 'src/main.js'), 'require', context);
    }
    const reads = fs.calls.filter((call) => call.startsWith('readFile'));
    expect(reads).toEqual([...new Set(reads)]);
  });

  test('resolution works through any ResolveFs, here a map of files with no disk behind it', () => {
    const files = new Map([
      ['/v/package.json', JSON.stringify({ name: 'v', exports: { './x': './lib/x.js' } })],
      ['/v/lib/x.js', ''],
      ['/v/main.js', ''],
    ]);
    const fs: ResolveFs = {
      kind: (path) =>
        files.has(path) ? 'file' : [...files.keys()].some((f) => f.startsWith(`${path}/`)) ? 'directory' : undefined,
      readFile: (path) => files.get(path),
      realpath: (path) => path,
    };
    expect(resolveModule('v/x', '/v/main.js', 'import', { fs })).toEqual({ kind: 'file', path: '/v/lib/x.js' });
    expect(resolveModule('./lib/x', '/v/main.js', 'require', { fs })).toEqual({ kind: 'file', path: '/v/lib/x.js' });
  });
});
