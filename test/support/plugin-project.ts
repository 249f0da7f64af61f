/**
 * A throwaway vitest project made from `fixtures/vitest-plugin/project/` in a temporary directory,
 * with the plugin (from this repo's src/) in its config, and vitest run in it as a user runs it:
 * a child process of its own, its reports written inside the temporary directory only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = join(root, 'fixtures/vitest-plugin/project');

/** istanbul's per-file coverage, as coverage-final.json holds it. */
export interface FileCoverage {
  path: string;
  statementMap: Record<string, unknown>;
  fnMap: Record<string, unknown>;
  branchMap: Record<string, unknown>;
  s: Record<string, number>;
  f: Record<string, number>;
  b: Record<string, number[]>;
}

export interface PluginProject {
  dir: string;
  /** `vitest run <args>`; resolves with its exit code and output. */
  vitest(args: string[], timeoutMs?: number): Promise<{ code: number | null; output: string }>;
  /** `vitest --watch <args>`, left running: call `stop()`. */
  watch(args: string[]): { child: ChildProcess; output: () => string; stop: () => void };
  /** The coverage-final.json of the reports directory `name` (under the project), keyed by path relative to the project. */
  coverage(name: string): Record<string, FileCoverage>;
  remove(): void;
}

/** The environment of a nested vitest: none of the parent vitest's own variables. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('VITEST') && key !== 'NODE_OPTIONS' && key !== 'TEST' && key !== 'NODE_ENV') env[key] = value;
  }
  return { ...env, CI: 'true', FORCE_COLOR: '0', NO_COLOR: '1' };
}

export interface PluginProjectOptions {
  /** The node_modules vitest and its coverage providers come from (this repo's, or another major's install). */
  modules?: string;
  /**
   * The run-as-main the project uses: this repo's src/ (the default: aliased), or the directory
   * of an installed package (linked as node_modules/run-as-main; the config imports
   * `run-as-main/vitest-plugin` as a user's does).
   */
  installed?: string;
}

/** A copy of the fixture project in a temporary directory (see the module's description). */
export function makePluginProject({ modules = join(root, 'node_modules'), installed }: PluginProjectOptions = {}): PluginProject {
  const dir = mkdtempSync(join(tmpdir(), 'run-as-main-plugin-'));
  cpSync(fixture, dir, { recursive: true });
  // node_modules: the fixture's packages, and a link to each package vitest needs.
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  if (installed) symlinkSync(installed, join(dir, 'node_modules', 'run-as-main'), 'dir');
  for (const name of readdirSync(modules)) {
    if (name.startsWith('.') || name === 'run-as-main') continue;
    try {
      symlinkSync(join(modules, name), join(dir, 'node_modules', name), 'dir');
    } catch {
      // the fixture's own package of that name wins
    }
  }
  const src = join(root, 'src');
  const plugin = installed ? 'run-as-main/vitest-plugin' : join(src, 'vitest-plugin.ts');
  writeFileSync(
    join(dir, 'vitest.config.ts'),
    [
      `import { defineConfig } from 'vitest/config';`,
      `import { runAsMainPlugin } from ${JSON.stringify(plugin)};`,
      `export default defineConfig({`,
      `  plugins: [runAsMainPlugin()],`,
      installed ? '' : `  resolve: { alias: { 'run-as-main': ${JSON.stringify(join(src, 'index.ts'))} } },`,
      `  test: { include: ['*.test.ts'], coverage: { exclude: ['cases.ts'], reporter: ['json'] } },`,
      `});`,
      '',
    ].join('\n'),
  );
  const vitestBin = join(modules, 'vitest/vitest.mjs');
  mkdirSync(join(dir, 'reports'));
  return {
    dir,
    vitest(args, timeoutMs = 120_000) {
      return new Promise((done) => {
        const child = spawn(process.execPath, [vitestBin, 'run', ...args], { cwd: dir, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        child.stderr.on('data', (chunk) => (output += chunk));
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        child.on('close', (code) => {
          clearTimeout(timer);
          done({ code, output });
        });
      });
    },
    watch(args) {
      const child = spawn(process.execPath, [vitestBin, '--watch', ...args], { cwd: dir, env: childEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
      let output = '';
      child.stdout!.on('data', (chunk) => (output += chunk));
      child.stderr!.on('data', (chunk) => (output += chunk));
      return { child, output: () => output, stop: () => child.kill('SIGKILL') };
    },
    coverage(name) {
      const final = JSON.parse(readFileSync(join(dir, 'reports', name, 'coverage-final.json'), 'utf8')) as Record<string, FileCoverage>;
      const byRelative: Record<string, FileCoverage> = {};
      for (const [path, file] of Object.entries(final)) byRelative[path.slice(dir.length + 1)] = file;
      return byRelative;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The .cts script's truth is its .cjs twin (fixtures/vitest-plugin/project/cases.ts says why). */
export const TWINS: Record<string, string> = { 'bin/legacy-twin.cjs': 'bin/legacy.cts' };

/**
 * What a file's coverage says, without its path and hash: every counter, and where each statement,
 * function and branch starts (line and column) and ends (line). An end column is left out: it
 * comes from the map's segment nearest the end, and vite's maps have fewer segments than the
 * library's (an end at a line's last token shows as column null, or one further).
 */
export function figures(file: FileCoverage) {
  const places = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value), (key, field) => (key === 'end' && field && typeof field === 'object' ? { line: field.line } : field));
  return {
    statementMap: places(file.statementMap),
    fnMap: places(file.fnMap),
    branchMap: places(file.branchMap),
    s: file.s,
    f: file.f,
    b: file.b,
  };
}

export function summary(file: FileCoverage): string {
  const covered = (counts: number[]) => `${counts.filter((n) => n > 0).length}/${counts.length}`;
  return `statements ${covered(Object.values(file.s))}, functions ${covered(Object.values(file.f))}, branches ${covered(Object.values(file.b).flat())}`;
}

/**
 * The coverage with `provider` of the fixture's cases imported through vite (the truth), then of
 * the same cases run in-process: two vitests, one after the other (each has workers of its own).
 */
export async function truthAndRuns(
  project: PluginProject,
  provider: string,
): Promise<{ truth: Record<string, FileCoverage>; inProcess: Record<string, FileCoverage> }> {
  const run = async (test: string) => {
    const result = await project.vitest([test, '--coverage', `--coverage.provider=${provider}`, `--coverage.reportsDirectory=reports/${provider}-${test}`]);
    if (result.code !== 0) throw new Error(`vitest run ${test} with ${provider} coverage exited with ${result.code}:\n${result.output}`);
    return project.coverage(`${provider}-${test}`);
  };
  const truth = await run('imports.test.ts');
  const inProcess = await run('runs.test.ts');
  return { truth, inProcess };
}

/** The in-process runs' report lists the files the truth's lists (a twin by its script), none from node_modules. */
export function expectSameFiles(truth: Record<string, FileCoverage>, inProcess: Record<string, FileCoverage>): void {
  const expected = Object.keys(truth)
    .map((file) => TWINS[file] ?? file)
    .sort();
  expect(Object.keys(inProcess).sort()).toEqual(expected);
  expect(Object.keys(inProcess).filter((file) => file.includes('node_modules'))).toEqual([]);
}

/** Each file's summary, then its every counter and place, as the truth has them. */
export function expectSameCoverage(truth: Record<string, FileCoverage>, inProcess: Record<string, FileCoverage>): void {
  const files = Object.keys(truth).sort();
  const summaries = (of: Record<string, FileCoverage>, twin: boolean) => files.map((file) => `${file}: ${summary(of[twin ? (TWINS[file] ?? file) : file]!)}`);
  expect(summaries(inProcess, true)).toEqual(summaries(truth, false));
  for (const file of files) expect(figures(inProcess[TWINS[file] ?? file]!), file).toEqual(figures(truth[file]!));
}
