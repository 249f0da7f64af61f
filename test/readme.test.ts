/**
 * Every example of the README runs as written: each ```ts block of its 30 seconds, Walkthrough,
 * Filesystem and Archives sections is run in-process (runSource, as an ES module in TypeScript),
 * with `run-as-main` the library itself, `expect` vitest's (as a free variable, or imported from
 * `vitest` with a `test` that calls its function at once), and the working directory the section
 * names. An expectation that fails inside a block fails its test with the block's own error.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as api from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

/** The ```ts blocks of the README section titled `title` (up to the next `## `). */
function examplesOf(title: string): string[] {
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start === -1) throw new Error(`README.md has no section "## ${title}"`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

/** Runs one README block with `cwd` as its working directory; fails with the block's own error. */
async function runExample(code: string, cwd: string): Promise<void> {
  const tests: Promise<unknown>[] = [];
  const vitest = { expect, test: (_title: string, body: () => unknown) => void tests.push(Promise.resolve().then(body)) };
  const result = await api.runSource(code, {
    filename: path.join(cwd, 'readme-example.mts'),
    cwd,
    initGlobals: { expect },
    mocks: { 'run-as-main': api, vitest },
    timeout: 15_000,
  });
  await Promise.all(tests);
  if (result.error !== undefined) throw result.error;
  expect(result).toMatchObject({ exitCode: 0, stderr: '' });
}

const demo = path.join(root, 'fixtures', 'demo');

test('every TypeScript example of the README is in a section this file runs', () => {
  const sections = readme.split(/^(?=## )/m);
  const withExamples = sections.filter((section) => /^```ts$/m.test(section)).map((section) => section.split('\n')[0]);
  expect(withExamples).toEqual(['## 30 seconds', '## Walkthrough', '## Filesystem', '## Archives']);
});

describe('README, 30 seconds (in fixtures/demo)', () => {
  const examples = examplesOf('30 seconds');
  test('has its example', () => {
    expect(examples).toHaveLength(1);
  });
  test.each(examples.map((code, index) => [index + 1, code] as const))('example %i runs as written', async (_, code) => {
    await runExample(code, demo);
  });
});

describe('README, Walkthrough (in fixtures/demo)', () => {
  const examples = examplesOf('Walkthrough');
  test('has its six examples: globals, config, a failure, an exit, plugins, argv', () => {
    expect(examples).toHaveLength(6);
  });
  test.each(examples.map((code, index) => [index + 1, code] as const))('example %i runs as written', async (_, code) => {
    await runExample(code, demo);
  });
});

describe('README, Filesystem (in fixtures/demo)', () => {
  const examples = examplesOf('Filesystem');
  test('has its example', () => {
    expect(examples).toHaveLength(1);
  });
  test.each(examples.map((code, index) => [index + 1, code] as const))('example %i runs as written', async (_, code) => {
    await runExample(code, demo);
  });
});

describe('README, Archives (in a directory holding the tarball and a node_modules with commander)', () => {
  let work: string;

  beforeAll(() => {
    work = realpathSync(mkdtempSync(path.join(tmpdir(), 'run-as-main-readme-')));
    const fixture = path.join(root, 'fixtures', 'archive', 'greet-cli');
    execFileSync('npm', ['pack', '--offline', '--ignore-scripts', '--pack-destination', work, fixture], { cwd: work, stdio: 'pipe', timeout: 60_000 });
    symlinkSync(path.join(root, 'node_modules'), path.join(work, 'node_modules'), 'dir');
  }, 90_000);

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  const examples = examplesOf('Archives');
  test('has its example', () => {
    expect(examples).toHaveLength(1);
  });
  test.each(examples.map((code, index) => [index + 1, code] as const))('example %i runs as written', async (_, code) => {
    await runExample(code, work);
  });
});
