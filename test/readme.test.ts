/**
 * Every example of the README runs as written: each ```ts block of its 30 seconds, Walkthrough,
 * API, Vitest matchers and snapshots, Filesystem and Archives sections is run in-process (runSource, as
 * an ES module in TypeScript), with `run-as-main` and `run-as-main/vitest` the library itself,
 * `expect` vitest's (as a free variable, or imported from `vitest` with a `test` that calls its
 * function at once), and the working directory the section names. An inline snapshot in a block
 * is compared with what the serializer prints (vitest can only write one into a test file). A
 * block that is a config file (its first line `// vitest.config.ts`) is checked for the entries
 * it names. An expectation that fails inside a block fails its test with the block's own error.
 * Each ```sh block of The command that shows `$ npx run-as-main …` runs that command (the bin,
 * spawned in fixtures/demo) and must print what the block shows, but for the time the run took.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as api from '../src/index.js';
import * as vitestEntry from '../src/vitest.js';
import { runCommand } from './support/cli.js';

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

/** An inline snapshot as its text reads once vitest has taken away the indentation it wrote. */
function inlineSnapshotText(snapshot: string): string {
  const lines = snapshot.split('\n').slice(1, -1);
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length));
  return lines.map((line) => line.slice(indent)).join('\n');
}

/** vitest's `expect`, with `toMatchInlineSnapshot(text)` comparing the serializer's rendering with the text. */
const exampleExpect = Object.assign((value: unknown) => {
  const assertion = expect(value);
  return new Proxy(assertion, {
    get(target, key, receiver) {
      if (key !== 'toMatchInlineSnapshot') return Reflect.get(target, key, receiver);
      return (snapshot: string) => {
        expect(vitestEntry.runResultSerializer.test(value)).toBe(true);
        expect(vitestEntry.runResultSerializer.serialize(value, {}, '')).toBe(inlineSnapshotText(snapshot));
      };
    },
  });
}, expect);

/** Runs one README block with `cwd` as its working directory; fails with the block's own error. */
async function runExample(code: string, cwd: string): Promise<void> {
  const tests: Promise<unknown>[] = [];
  const vitest = { expect: exampleExpect, test: (_title: string, body: () => unknown) => void tests.push(Promise.resolve().then(body)) };
  const result = await api.runSource(code, {
    filename: path.join(cwd, 'readme-example.mts'),
    cwd,
    initGlobals: { expect: exampleExpect },
    mocks: { 'run-as-main': api, 'run-as-main/vitest': vitestEntry, vitest },
    timeout: 15_000,
  });
  await Promise.all(tests);
  if (result.error !== undefined) throw result.error;
  expect(result).toMatchObject({ exitCode: 0, stderr: '' });
}

const demo = path.join(root, 'fixtures', 'demo');

/** The ```sh blocks of a section that show a command (`$ npx run-as-main …`) and what it prints. */
function commandsOf(title: string): { line: string; args: string[]; shown: string }[] {
  const start = readme.indexOf(`\n## ${title}\n`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/^```sh\n\$ npx run-as-main (.*)\n([\s\S]*?)^```$/gm)].map((match) => ({
    line: match[1]!,
    args: shellWords(match[1]!),
    shown: match[2]!,
  }));
}

/** Words as a POSIX shell splits them, for the quoting the README uses (single quotes). */
function shellWords(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2]!);
}

/** The time a run took, the one thing that changes between two runs of a command. */
const withoutDuration = (text: string) => text.replace(/ in \d+(?:\.\d+)? ms$/gm, ' in <duration>');

test('every TypeScript example of the README is in a section this file runs', () => {
  const sections = readme.split(/^(?=## )/m);
  const withExamples = sections.filter((section) => /^```ts$/m.test(section)).map((section) => section.split('\n')[0]);
  expect(withExamples).toEqual(['## 30 seconds', '## Walkthrough', '## API', '## Vitest matchers and snapshots', '## Coverage, watch mode and debuggers', '## Filesystem', '## Archives']);
});

describe('README, The command (in fixtures/demo)', () => {
  const commands = commandsOf('The command');
  test('shows a report, a report of files written and a comparison', () => {
    expect(commands.map(({ args }) => args)).toEqual([
      ['--init', 'N=5', 'compute.js'],
      ['--files', 'site', 'bin/build.js'],
      ['--compare', 'word-count.cjs', 'the cat and the hat', '--top', '2'],
    ]);
  });
  test.each(commands.map(({ line, args, shown }) => [line, args, shown] as const))(
    'run-as-main %s prints what is shown',
    async (_, args, shown) => {
      const { code, stdout, stderr } = await runCommand(args, { cwd: demo });
      expect({ code, stderr, stdout: withoutDuration(stdout) }).toEqual({ code: 0, stderr: '', stdout: withoutDuration(shown) });
    },
  );
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

describe('README, API (in fixtures/demo)', () => {
  const examples = examplesOf('API');
  test('has its mocks example', () => {
    expect(examples).toHaveLength(1);
  });
  test.each(examples.map((code, index) => [index + 1, code] as const))('example %i runs as written', async (_, code) => {
    await runExample(code, demo);
  });
});

describe('README, Vitest matchers and snapshots (in fixtures/demo)', () => {
  const blocks = examplesOf('Vitest matchers and snapshots');
  const configs = blocks.filter((code) => code.startsWith('// vitest.config.ts'));
  const examples = blocks.filter((code) => !configs.includes(code));
  test('has its config, the matchers, a snapshot and a picked snapshot', () => {
    expect([configs.length, examples.length]).toEqual([1, 3]);
  });
  test('the config names the entry the package exports', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    for (const [, entry] of configs[0]!.matchAll(/'run-as-main(\/[\w-]+)'/g)) expect(manifest.exports).toHaveProperty([`.${entry}`]);
  });
  test.each(examples.map((code, index) => [index + 1, code] as const))('example %i runs as written', async (_, code) => {
    await runExample(code, demo);
  });
});

describe('README, Coverage, watch mode and debuggers', () => {
  const configs = examplesOf('Coverage, watch mode and debuggers');
  test('has one block, a config that uses the plugin the package exports', async () => {
    expect(configs.length).toBe(1);
    expect(configs[0]).toMatch(/^\/\/ vitest\.config\.ts\n/);
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    const entries = [...configs[0]!.matchAll(/'run-as-main(\/[\w-]+)'/g)].map(([, entry]) => entry);
    expect(entries).toEqual(['/vitest-plugin']);
    for (const entry of entries) expect(manifest.exports).toHaveProperty([`.${entry}`]);
    const plugin = await import('../src/vitest-plugin.js');
    expect(typeof plugin.runAsMainPlugin().name).toBe('string');
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
