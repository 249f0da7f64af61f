/**
 * `mocks` keys resolve as the script's own imports do (src/loader/mocks.ts): by a bare
 * specifier's text and the files it resolves to, by a path relative to cwd, an absolute path or
 * a file: URL, by the `.ts` file behind a `./x.js` import; the keys nothing imported are on
 * `result.unusedMocks`. The last block asks a real node which file each key and each import
 * resolve to, and checks that a mock applies exactly when they are the same file.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runAsMain, runSource } from '../../src/index.js';
import { runResultSerializer } from '../../src/snapshot/serializer.js';

const cwd = fileURLToPath(new URL('../../fixtures/mocks/', import.meta.url));
const named = (name: string) => ({ name });

describe('a bare specifier', () => {
  test('mocks the package wherever it is required, and a deep import of the same file', async () => {
    const result = await runAsMain('main.cjs', { cwd, mocks: { dep: named('mock dep') } });
    expect(result.stdout).toContain('dep: mock dep\ndeepDep: mock dep\n');
    expect(result.unusedMocks).toEqual([]);
  });

  test('mocks both files of a package that exports one for import and one for require', async () => {
    const mocks = { dual: named('mock dual') };
    const [required, imported] = [await runAsMain('main.cjs', { cwd, mocks }), await runAsMain('main.mjs', { cwd, mocks })];
    expect(required.stdout).toContain('dual: mock dual\n');
    expect(imported.stdout).toContain('dual: mock dual\n');
  });

  test('mocks a package that is not installed, by its text', async () => {
    const result = await runAsMain('missing.cjs', {
      cwd,
      mocks: { './lib/not-yet.js': named('not written yet'), 'http-client': named('no such package') },
    });
    expect(result.stdout).toBe('not written yet\nno such package\n./lib/not-yet.js\n');
    expect(result.unusedMocks).toEqual([]);
  });

  test('of a builtin mocks it with and without node:', async () => {
    const fake = { readFileSync: 'a fake' };
    for (const key of ['fs', 'node:fs']) {
      const result = await runAsMain('main.cjs', { cwd, mocks: { [key]: fake } });
      expect(result.stdout).toContain('fs: string\n');
    }
  });
});

describe('a path', () => {
  test.each([
    ['relative to cwd', './lib/util.js'],
    ['without its extension', './lib/util'],
    ['absolute', path.join(cwd, 'lib/util.js')],
    ['as a file: URL', pathToFileURL(path.join(cwd, 'lib/util.js')).href],
  ])('%s mocks the file however a module spells it', async (_, key) => {
    const required = await runAsMain('main.cjs', { cwd, mocks: { [key]: named('mock util') } });
    expect(required.stdout).toContain('util: mock util\n');
    const imported = await runAsMain('main.mjs', { cwd, mocks: { [key]: named('mock util') } });
    expect(imported.stdout).toContain('util: mock util\n');
  });

  test('resolves against the run’s cwd, not the importing file', async () => {
    // `./util.js` from cwd is not lib/util.js: nothing imported what the key stands for.
    const result = await runAsMain('main.cjs', { cwd, mocks: { './util.js': named('mock util') } });
    expect(result.stdout).toContain('util: the real util\n');
    expect(result.unusedMocks).toEqual(['./util.js']);
  });

  test('of a JSON file mocks it', async () => {
    const result = await runAsMain('main.cjs', { cwd, mocks: { './lib/data.json': named('mock data') } });
    expect(result.stdout).toContain('data: mock data\n');
  });

  test.each([
    ['./ts/helper.js', 'the .js name a TypeScript import writes'],
    ['./ts/helper.ts', 'the .ts file itself'],
    ['./ts/helper', 'no extension'],
  ])('%s (%s) mocks the .ts file behind `./helper.js`', async (key) => {
    const result = await runAsMain('ts/main.ts', { cwd, mocks: { [key]: named('mock helper') } });
    expect(result).toMatchObject({ exitCode: 0, stdout: 'mock helper\n', unusedMocks: [] });
  });
});

describe('one mock per run', () => {
  test('a factory is called once, and every ES module importer sees one namespace', async () => {
    let made = 0;
    const factory = () => ({ name: `made ${++made}` });
    const result = await runAsMain('main.mjs', { cwd, mocks: { './lib/util.js': factory } });
    expect(result.stdout).toContain('util: made 1\nsame namespace: true\n');
    expect(made).toBe(1);
  });

  test('a dynamic import() is mocked as a static one is', async () => {
    const result = await runAsMain('main.mjs', { cwd, mocks: { './lib/other.js': named('mock other') } });
    expect(result.stdout).toContain('dynamic: mock other\n');
  });

  test('two keys for one file: the first wins, the other is reported unused', async () => {
    const result = await runAsMain('main.cjs', {
      cwd,
      mocks: { './lib/util': named('first'), './lib/util.js': named('second') },
    });
    expect(result.stdout).toContain('util: first\n');
    expect(result.unusedMocks).toEqual(['./lib/util.js']);
  });
});

describe('unusedMocks', () => {
  test('lists the keys nothing imported, in the order given', async () => {
    const result = await runAsMain('main.cjs', {
      cwd,
      mocks: { dpe: {}, dep: named('mock dep'), './lib/other.js': {}, 'node:http': {} },
    });
    expect(result.unusedMocks).toEqual(['dpe', './lib/other.js', 'node:http']);
  });

  test('is every key when the script imports nothing, and empty without mocks', async () => {
    const bare = await runAsMain('lib/util.js', { cwd, mocks: { dep: {} } });
    expect(bare.unusedMocks).toEqual(['dep']);
    expect((await runAsMain('main.cjs', { cwd })).unusedMocks).toEqual([]);
  });

  test('shows in a snapshot when not empty', async () => {
    const result = await runAsMain('lib/util.js', { cwd, mocks: { dep: {}, './lib/other.js': {} } });
    expect(runResultSerializer.serialize(result, {}, '')).toContain('  unused mocks: dep, ./lib/other.js\n');
  });
});

/**
 * For each row: a key, and a specifier imported from a file of the fixture. Node resolves both
 * (the key from cwd, the specifier from its file, in the import's mode); the mock must apply
 * exactly when node finds the same file. (The `.ts` behind `./x.js` is tsx's rule, not node's,
 * so it is above, not here.)
 */
const AGREEMENT: [key: string, from: string, specifier: string, mode: 'require' | 'import'][] = [
  ['dep', 'sub/names.cjs', 'dep', 'require'],
  ['dep', 'sub/names.cjs', 'dep/index.js', 'require'],
  ['dep', 'main.mjs', 'dep', 'import'],
  ['dual', 'main.mjs', 'dual', 'import'],
  ['dual', 'sub/names.cjs', 'dual', 'require'],
  ['dep', 'main.mjs', 'dual', 'import'],
  ['./lib/util.js', 'sub/names.cjs', '../lib/util', 'require'],
  ['./lib/util', 'main.mjs', './lib/util.js', 'import'],
  ['./lib/util.js', 'sub/again.mjs', '../lib/util.js', 'import'],
  ['./lib/other.js', 'sub/names.cjs', '../lib/util', 'require'],
  ['./util.js', 'sub/names.cjs', '../lib/util', 'require'],
  ['./node_modules/dep', 'sub/names.cjs', 'dep', 'require'],
  [path.join(cwd, 'lib/data.json'), 'sub/names.cjs', '../lib/data.json', 'require'],
  ['./sub/again.mjs', 'main.mjs', './sub/again.mjs', 'import'],
  ['./lib/data.json', 'sub/names.cjs', '../lib/util', 'require'],
];

/** Which rows node resolves to one file: keys as `require` and `import` from cwd would, the specifier from its file. */
function nodeAgreement(): boolean[] {
  const code = `
    import { createRequire } from 'node:module';
    import path from 'node:path';
    import { pathToFileURL } from 'node:url';
    const rows = JSON.parse(process.argv[1]);
    const cwd = process.cwd();
    const attempt = (fn) => { try { return fn(); } catch { return undefined; } };
    const asRequire = (spec, from) => attempt(() => createRequire(from).resolve(spec));
    const asImport = (spec, from) => attempt(() => new URL(import.meta.resolve(spec, pathToFileURL(from).href)).pathname);
    const keyFiles = (key) => [asRequire(key, path.join(cwd, 'x.js')), asImport(key, path.join(cwd, 'x.js'))].filter(Boolean);
    console.log(JSON.stringify(rows.map(([key, from, spec, mode]) => {
      const file = (mode === 'require' ? asRequire : asImport)(spec, path.join(cwd, from));
      return file !== undefined && keyFiles(key).includes(file);
    })));
  `;
  const output = execFileSync(
    process.execPath,
    ['--experimental-import-meta-resolve', '--no-warnings', '--input-type=module', '-e', code, JSON.stringify(AGREEMENT)],
    { cwd, encoding: 'utf8' },
  );
  return JSON.parse(output) as boolean[];
}

describe('agrees with node on which file a key names', () => {
  const node = nodeAgreement();
  test.each(AGREEMENT.map((row, index) => [...row, node[index]!] as const))(
    'key %s, %s importing %s (%s): node says same file = %s',
    async (key, from, specifier, mode, same) => {
      const probe = `${mode === 'require' ? `require(${JSON.stringify(specifier)})` : `await import(${JSON.stringify(specifier)})`}`;
      const code = `const got = ${probe}; console.log(got === __mock || got.default === __mock);`;
      const marker = { marker: true };
      const filename = path.join(cwd, path.dirname(from), `probe${mode === 'require' ? '.cjs' : '.mjs'}`);
      const result = await runSource(code, { filename, cwd, initGlobals: { __mock: marker }, mocks: { [key]: marker } });
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe(`${same}\n`);
    },
  );
});
