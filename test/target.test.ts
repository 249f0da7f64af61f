import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RunAsMainUsageError } from '../src/errors.js';
import type { ResolveFs } from '../src/loader/resolve-fs.js';
import { resolveEntry } from '../src/target.js';

let root: string;

/** Writes `files` (path → content) under a new directory of `root` and returns that directory. */
function tree(name: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

const pkg = (manifest: object): string => JSON.stringify(manifest);

beforeAll(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'run-as-main-target-')));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('a file target', () => {
  test('is resolved against cwd and used as is', () => {
    const dir = tree('file', { 'scripts/hello.js': '' });
    expect(resolveEntry('scripts/hello.js', dir)).toBe(path.join(dir, 'scripts/hello.js'));
    expect(resolveEntry('./scripts/../scripts/hello.js', dir)).toBe(path.join(dir, 'scripts/hello.js'));
  });

  test('may be absolute, whatever cwd is', () => {
    const dir = tree('absolute', { 'a.cjs': '' });
    expect(resolveEntry(path.join(dir, 'a.cjs'), '/')).toBe(path.join(dir, 'a.cjs'));
  });

  test('may be a file: URL, as an object or a string', () => {
    const dir = tree('url', { 'a.mjs': '' });
    const url = pathToFileURL(path.join(dir, 'a.mjs'));
    expect(resolveEntry(url, '/')).toBe(path.join(dir, 'a.mjs'));
    expect(resolveEntry(url.href, '/')).toBe(path.join(dir, 'a.mjs'));
  });

  test('gets no extension added: a missing file names the absolute path tried', () => {
    const dir = tree('missing', { 'script.js': '' });
    expect(() => resolveEntry('script', dir)).toThrow(RunAsMainUsageError);
    expect(() => resolveEntry('script', dir)).toThrow(
      `Cannot find the script to run: ${path.join(dir, 'script')} does not exist.`,
    );
  });

  test('that is not a path is a misuse error naming the option', () => {
    expect(() => resolveEntry('', root)).toThrow(RunAsMainUsageError);
    expect(() => resolveEntry(new URL('https://example.com/x.js'), root)).toThrow(/`target` must be a path or a file: URL/);
  });
});

describe('a directory target', () => {
  test('runs its package.json bin when it is a string', () => {
    const dir = tree('bin-string', {
      'package.json': pkg({ name: 'tool', bin: './cli.js', main: 'index.js' }),
      'cli.js': '',
      'index.js': '',
    });
    expect(resolveEntry('bin-string', root)).toBe(path.join(dir, 'cli.js'));
  });

  test('runs the only entry of a bin object, extensionless too', () => {
    const dir = tree('bin-single', {
      'package.json': pkg({ name: 'whatever', type: 'module', bin: { other: 'bin/tool' } }),
      'bin/tool': '#!/usr/bin/env node\n',
    });
    expect(resolveEntry(dir, '/')).toBe(path.join(dir, 'bin/tool'));
  });

  test('runs the bin entry named like the unscoped package name', () => {
    const dir = tree('bin-named', {
      'package.json': pkg({ name: '@scope/tool', bin: { 'tool-helper': 'helper.js', tool: 'tool.js' } }),
      'helper.js': '',
      'tool.js': '',
    });
    expect(resolveEntry(dir, '/')).toBe(path.join(dir, 'tool.js'));
  });

  test('falls back to main when no bin entry is named like the package', () => {
    const dir = tree('bin-ambiguous', {
      'package.json': pkg({ name: 'tool', bin: { a: 'a.js', b: 'b.js' }, main: 'main.js' }),
      'a.js': '',
      'b.js': '',
      'main.js': '',
    });
    expect(resolveEntry(dir, '/')).toBe(path.join(dir, 'main.js'));
  });

  test('names the bin when it points at a missing file', () => {
    const dir = tree('bin-missing', { 'package.json': pkg({ name: 'tool', bin: 'cli.js' }), 'index.js': '' });
    expect(() => resolveEntry(dir, '/')).toThrow(
      `The package in ${dir} declares the bin "tool" as "cli.js", but ${path.join(dir, 'cli.js')} does not exist.`,
    );
  });

  test("runs main with Node's extension and index lookup", () => {
    const exact = tree('main-exact', { 'package.json': pkg({ main: 'lib/start.cjs' }), 'lib/start.cjs': '' });
    const withJs = tree('main-js', { 'package.json': pkg({ main: 'lib/start' }), 'lib/start.js': '' });
    const withJson = tree('main-json', { 'package.json': pkg({ main: 'data' }), 'data.json': '{}' });
    const indexOfDir = tree('main-dir', { 'package.json': pkg({ main: './lib' }), 'lib/index.js': '' });
    expect(resolveEntry(exact, '/')).toBe(path.join(exact, 'lib/start.cjs'));
    expect(resolveEntry(withJs, '/')).toBe(path.join(withJs, 'lib/start.js'));
    expect(resolveEntry(withJson, '/')).toBe(path.join(withJson, 'data.json'));
    expect(resolveEntry(indexOfDir, '/')).toBe(path.join(indexOfDir, 'lib/index.js'));
  });

  test('falls back to index.* when main is missing', () => {
    const dir = tree('main-missing', { 'package.json': pkg({ main: 'gone.js' }), 'index.mjs': '' });
    expect(resolveEntry(dir, '/')).toBe(path.join(dir, 'index.mjs'));
  });

  test('runs index.js first, then the other index extensions, without a package.json', () => {
    const js = tree('index-js', { 'index.js': '', 'index.ts': '' });
    const ts = tree('index-ts', { 'index.ts': '' });
    const cts = tree('index-cts', { 'index.cts': '', 'index.txt': '' });
    expect(resolveEntry(js, '/')).toBe(path.join(js, 'index.js'));
    expect(resolveEntry(ts, '/')).toBe(path.join(ts, 'index.ts'));
    expect(resolveEntry(cts, '/')).toBe(path.join(cts, 'index.cts'));
  });

  test('with no entry point says so, naming the directory and what was looked for', () => {
    const bare = tree('empty', { 'README.md': '' });
    const withPackage = tree('no-entry', { 'package.json': pkg({ name: 'x', main: 'gone.js' }) });
    expect(() => resolveEntry(bare, '/')).toThrow(RunAsMainUsageError);
    expect(() => resolveEntry(bare, '/')).toThrow(
      `Cannot find an entry point in the directory ${bare}: looked for a package.json with "bin" or "main", then index.{js,mjs,cjs,ts,mts,cts}.`,
    );
    expect(() => resolveEntry(withPackage, '/')).toThrow(
      `Cannot find an entry point in the directory ${withPackage}: looked for a package.json "bin", then its "main" "gone.js", then index.{js,mjs,cjs,ts,mts,cts}.`,
    );
  });

  test('with a package.json that is not JSON names the file', () => {
    const dir = tree('bad-json', { 'package.json': '{ nope', 'index.js': '' });
    expect(() => resolveEntry(dir, '/')).toThrow(RunAsMainUsageError);
    expect(() => resolveEntry(dir, '/')).toThrow(`Cannot read ${path.join(dir, 'package.json')}`);
  });
});

test('asks its questions of the filesystem it is given', () => {
  const files: Record<string, string> = {
    '/virtual/tool/package.json': pkg({ name: 'tool', bin: { tool: 'bin/tool.js' } }),
    '/virtual/tool/bin/tool.js': '',
  };
  const memory: Pick<ResolveFs, 'kind' | 'readFile'> = {
    kind: (file) =>
      file in files ? 'file' : Object.keys(files).some((f) => f.startsWith(`${file}/`)) ? 'directory' : undefined,
    readFile: (file) => files[file],
  };
  expect(resolveEntry('tool', '/virtual', memory)).toBe('/virtual/tool/bin/tool.js');
});
