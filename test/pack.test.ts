/**
 * The published package works for a user: `npm pack` the project, install the tarball into a
 * throwaway project without network, and load it there from CommonJS and from ESM.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectSameCoverage, expectSameFiles, makePluginProject, truthAndRuns } from './support/plugin-project.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entries = [
  'dist/index.js',
  'dist/index.cjs',
  'dist/index.d.ts',
  'dist/index.d.cts',
  'dist/archive-formats.js',
  'dist/vitest.js',
  'dist/vitest.cjs',
  'dist/vitest.d.ts',
  'dist/vitest.d.cts',
  'dist/child/register-typescript.mjs',
  'dist/child/register-mirror.mjs',
  'dist/cli.js',
  'dist/vitest-plugin.js',
  'dist/vitest-plugin.cjs',
  'dist/vitest-plugin.d.ts',
  'dist/vitest-plugin.d.cts',
  'dist/vitest-setup.js',
];

let work: string;
let consumer: string;
let tarball: string;
let packedFiles: string[];

/** Run `node` — the one running this suite, so CI's Node 22/24 passes check themselves. */
function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: consumer, encoding: 'utf8', timeout: 10_000 });
}

beforeAll(() => {
  if (!entries.every((file) => existsSync(join(root, file)))) {
    // `npm test` builds before the suite; a bare `vitest run` on a fresh clone has no dist yet
    execFileSync(join(root, 'node_modules/.bin/tsup'), { cwd: root, stdio: 'pipe', timeout: 120_000 });
  }

  work = mkdtempSync(join(tmpdir(), 'run-as-main-pack-'));
  const [packed] = JSON.parse(
    execFileSync(
      'npm',
      ['pack', '--json', '--offline', '--ignore-scripts', '--pack-destination', work],
      { cwd: root, encoding: 'utf8', timeout: 60_000 },
    ),
  ) as { filename: string; files: { path: string }[] }[];
  packedFiles = packed!.files.map((file) => file.path).sort();
  tarball = join(work, packed!.filename);

  // Installed offline as npm would lay it out: the package extracted into node_modules, and
  // each of its declared dependencies linked from the repo's own node_modules (their own
  // dependencies resolve from there through the link's real path). A module the build leaves
  // external but package.json does not declare is therefore not found, as for a user.
  consumer = join(work, 'consumer');
  install(consumer);
}, 180_000);

/** A project at `dir` that installed the tarball (see beforeAll), with `links` in its node_modules too. */
function install(dir: string, links: Record<string, string> = {}, type = 'commonjs'): void {
  const installed = join(dir, 'node_modules', 'run-as-main');
  mkdirSync(installed, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `{ "name": "consumer", "private": true, "type": "${type}" }\n`);
  execFileSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const targets: Record<string, string> = { ...links };
  for (const name of Object.keys(manifest.dependencies ?? {})) targets[name] ??= join(root, 'node_modules', name);
  for (const [name, target] of Object.entries(targets)) {
    if (!existsSync(target)) throw new Error(`${name} is not at ${target}: run npm ci`);
    const link = join(dir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(target, link, 'dir');
  }
}

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the npm tarball', () => {
  test('holds only dist/, package.json, README.md and LICENSE', () => {
    const outside = packedFiles.filter(
      (path) => !path.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(path),
    );
    expect(outside).toEqual([]);
    expect(packedFiles).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', ...entries]));
  });

  test('ships the licences of the packages compiled into it', () => {
    const licences = readFileSync(join(consumer, 'node_modules/run-as-main/dist/THIRD-PARTY-LICENSES.md'), 'utf8');
    expect(licences.match(/^## \S+/gm)).toEqual(expect.arrayContaining(['## magic-string', '## modern-tar', '## yauzl', '## pend']));
  });

  test('loads with require() in a project that installed it', () => {
    const out = node(['-e', "const m = require('run-as-main'); console.log(typeof m.runAsMain)"]);
    expect(out.trim()).toBe('function');
  });

  test('loads with import in a project that installed it', () => {
    const out = node([
      '--input-type=module',
      '-e',
      "import { runAsMain } from 'run-as-main'; console.log(typeof runAsMain)",
    ]);
    expect(out.trim()).toBe('function');
  });

  // The bundler renames functions whose names clash (`require2`): what a script can see of the
  // run's require, console, process and node:module must still read as node's, from both builds.
  test('runs a script from either build as node runs it, function names included', () => {
    const script = join(consumer, 'names.cjs');
    writeFileSync(
      script,
      [
        "const names = (o, keys) => keys.map((k) => k + '=' + o[k].name + '/' + o[k].length).join(' ');",
        "console.log(names(require, ['resolve']), require.name, require.resolve.paths.name, Object.keys(require));",
        "console.log(names(console, ['log', 'info', 'error', 'warn', 'dir', 'table']), console.log === console.info);",
        "console.log(names(process, ['exit', 'cwd', 'chdir', 'on', 'emit', 'kill', 'nextTick', 'emitWarning']));",
        "const Module = require('node:module');",
        "console.log(names(Module, ['createRequire', 'isBuiltin']), Module.createRequire === require('module').createRequire);",
        '',
      ].join('\n'),
    );
    const expected = node([script]);
    const run = (loader: string) =>
      node(['-e', `${loader}.then(async ({ runAsMain }) => process.stdout.write((await runAsMain('names.cjs')).stdout))`]);
    expect(run("import('run-as-main')")).toBe(expected);
    expect(run("Promise.resolve(require('run-as-main'))")).toBe(expected);
  });

  test('runs its command, package.json bin, in a project that installed it', () => {
    const installed = join(consumer, 'node_modules', 'run-as-main');
    const { bin } = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    const command = join(installed, bin['run-as-main']!);
    expect(readFileSync(command, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    writeFileSync(join(consumer, 'hello-command.cjs'), "const who = process.argv[2]; console.log('hello', who);\n");
    const result = JSON.parse(node([command, '--json', 'hello-command.cjs', 'Ada'])) as { exitCode: number; stdout: string; namespace: unknown };
    expect(result).toMatchObject({ exitCode: 0, stdout: 'hello Ada\n', namespace: { who: 'Ada' } });
  });

  // The archive readers are a file of their own, imported on the first archive (tsup.config.ts).
  test('runs a package from its tarball, from either build', () => {
    const pkg = join(work, 'hello-tarball', 'package');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), '{ "name": "hello-tarball", "bin": "cli.js" }\n');
    writeFileSync(join(pkg, 'cli.js'), "console.log('hello from', require('./package.json').name);\n");
    execFileSync('tar', ['-czf', join(consumer, 'hello.tgz'), '-C', dirname(pkg), 'package']);
    const run = (loader: string) =>
      node(['-e', `${loader}.then(async ({ runAsMain }) => process.stdout.write((await runAsMain('hello.tgz')).stdout))`]);
    expect(run("import('run-as-main')")).toBe('hello from hello-tarball\n');
    expect(run("Promise.resolve(require('run-as-main'))")).toBe('hello from hello-tarball\n');
  });

  // runInNode's child loads its preload and module hooks from dist/child/, and the transform's
  // helpers (a decorator's) from the installed package's dependencies.
  test('runs a TypeScript target under runInNode from either build', () => {
    mkdirSync(join(consumer, 'typed'), { recursive: true });
    writeFileSync(join(consumer, 'typed/package.json'), '{ "type": "module" }\n');
    writeFileSync(join(consumer, 'typed/twice.ts'), 'export const twice = (n: number): number => n * 2;\n');
    writeFileSync(
      join(consumer, 'typed/main.ts'),
      [
        "import { twice } from './twice.js';",
        'const named = (target: Function): void => { console.log(target.name); };',
        '@named class Decorated {}',
        'const n: number = twice(21);',
        'console.log(n, typeof Decorated);',
        '',
      ].join('\n'),
    );
    const run = (loader: string) =>
      node([
        '-e',
        `${loader}.then(async ({ runInNode }) => { const { exitCode, stdout, stderr } = await runInNode('typed/main.ts'); process.stdout.write(JSON.stringify({ exitCode, stdout, stderr })); })`,
      ]);
    const expected = { exitCode: 0, stdout: 'Decorated\n42 function\n', stderr: '' };
    expect(JSON.parse(run("import('run-as-main')"))).toEqual(expected);
    expect(JSON.parse(run("Promise.resolve(require('run-as-main'))"))).toEqual(expected);
  });
});

/**
 * The types of `run-as-main/vitest` under each vitest major, as a user's project with
 * `skipLibCheck: false` checks them (TypeScript 5.9): test/types/vitest-entry.test-d.ts in a
 * project that installed the tarball. vitest 4 is this repository's; CI's Node 22 pass installs
 * vitest 5 (which needs Node 22) and names its node_modules in RUN_AS_MAIN_VITEST5_MODULES.
 */
const vitestMajors = [{ major: 4, modules: join(root, 'node_modules') }];
if (process.env.RUN_AS_MAIN_VITEST5_MODULES) vitestMajors.push({ major: 5, modules: resolve(process.env.RUN_AS_MAIN_VITEST5_MODULES) });

describe.each(vitestMajors)('the vitest entry under vitest $major', ({ major, modules }) => {
  let dir: string;

  beforeAll(() => {
    dir = join(work, `vitest${major}`);
    const typesNode = existsSync(join(modules, '@types/node')) ? join(modules, '@types/node') : join(root, 'node_modules/@types/node');
    install(dir, { vitest: join(modules, 'vitest'), '@types/node': typesNode }, 'module');
  });

  test('is the vitest asked for', () => {
    const version = (JSON.parse(readFileSync(join(dir, 'node_modules/vitest/package.json'), 'utf8')) as { version: string }).version;
    expect(version.split('.')[0]).toBe(String(major));
  });

  test('loads, registering on that vitest, from the installed package', () => {
    const out = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "const m = await import('run-as-main/vitest'); console.log(Object.keys(m).sort().join(' '))"],
      { cwd: dir, encoding: 'utf8', timeout: 30_000 },
    );
    expect(out.trim()).toBe('matchers pickResult runResultSerializer');
  });

  // runAsMainPlugin as a user's config imports it, from the built package: the coverage of the
  // fixture project's in-process runs is the truth's (test/vitest-plugin/coverage.test.ts has the
  // same from src/), under this vitest major and its coverage providers.
  test.each(['v8', 'istanbul'])('runAsMainPlugin from the installed package: %s coverage of in-process runs is the truth', async (provider) => {
    const project = makePluginProject({ modules, installed: join(dir, 'node_modules/run-as-main') });
    try {
      const { truth, inProcess } = await truthAndRuns(project, provider);
      expectSameFiles(truth, inProcess);
      expectSameCoverage(truth, inProcess);
    } finally {
      project.remove();
    }
  }, 300_000);

  test('type-checks clean with skipLibCheck: false: every matcher typed, wrong arguments refused', () => {
    writeFileSync(join(dir, 'vitest-entry.test-d.ts'), readFileSync(join(root, 'test/types/vitest-entry.test-d.ts')));
    const compilerOptions = { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: false, noEmit: true, types: ['node'] };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['vitest-entry.test-d.ts'] }));
    let output = '';
    try {
      execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: dir, encoding: 'utf8', timeout: 150_000 });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout || error);
    }
    expect(output).toBe('');
  }, 180_000);
});
