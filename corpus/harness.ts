/**
 * The corpus differential (issue 11): a published package's bin run in-process (runAsMain) and in
 * a real `node` child (runInNode) in the same setup — argv, env, stdin, seeded files, cwd — and
 * compared on exit code, stdout, stderr and the resulting file tree. Output is normalised only
 * for what SPEC §3.6 allows: the temporary directory (runInNode maps it back) and node's own
 * `node:internal` frames.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAsMain, runInNode } from '../src/index.js';
import type { RunOptions } from '../src/options.js';
import type { RunResult } from '../src/result.js';
import { dropNodeFrames, hidePid } from '../test/support/node-output.js';

export const corpusDir = path.dirname(fileURLToPath(import.meta.url));
export const modulesDir = path.join(corpusDir, 'node_modules');

/**
 * The run's cwd: a directory that exists only in the run's volume (in-process) and in
 * runInNode's temporary tree, so nothing above it holds a config file a tool would pick up.
 */
export const RUN_CWD = '/corpus-run';

/**
 * The whole environment, the same in every run and on every machine (the host's is not
 * inherited): HOME names a directory that exists nowhere, so neither run reads or writes a
 * user's configuration; no update notifier calls home; `CI` is unset, as on a developer's machine.
 */
export const RUN_ENV: Record<string, string> = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: '/nonexistent',
  LANG: 'C.UTF-8',
  TZ: 'UTC',
  NO_UPDATE_NOTIFIER: '1',
};

export interface Invocation {
  /** The package whose bin runs (a devDependency of corpus/package.json). */
  pkg: string;
  /** Which of its bins (default: the only one, or the one named like the package). */
  bin?: string;
  /** What the invocation shows, for the test title and the table. */
  label: string;
  argv?: string[];
  stdin?: string;
  /** Files seeded into the run's cwd (relative paths; `null` or a trailing `/` is a directory). */
  files?: Record<string, string | null>;
  env?: Record<string, string>;
  /** ms; default 60 000: nothing here waits under node, but a large tool's first in-process run compiles megabytes (sass, typescript), slow on a busy 2-core machine. */
  timeout?: number;
  /**
   * A difference from node whose root cause is known (a key of KNOWN_CAUSES): the test then
   * asserts that the two runs still differ, so a fix that removes it is noticed.
   */
  known?: string;
}

interface PackageJson {
  name?: string;
  main?: string;
  bin?: string | Record<string, string>;
}

export function readPackageJson(dir: string): PackageJson {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/** The bins a package declares, name → absolute file. */
export function binsOf(dir: string, pkg = readPackageJson(dir)): Map<string, string> {
  const bins = new Map<string, string>();
  if (typeof pkg.bin === 'string') bins.set((pkg.name ?? '').replace(/^@[^/]+\//, ''), path.resolve(dir, pkg.bin));
  else if (pkg.bin) for (const [name, file] of Object.entries(pkg.bin)) bins.set(name, path.resolve(dir, file));
  return bins;
}

/** The file an invocation runs: the package's bin of that name, or its only (or eponymous) one. */
export function binFile(invocation: Pick<Invocation, 'pkg' | 'bin'>): string {
  const dir = path.join(modulesDir, invocation.pkg);
  const bins = binsOf(dir);
  const name = invocation.bin ?? (bins.size === 1 ? [...bins.keys()][0]! : invocation.pkg.replace(/^@[^/]+\//, ''));
  const file = bins.get(name);
  if (!file) throw new Error(`${invocation.pkg} has no bin ${JSON.stringify(name)}; it has ${[...bins.keys()].join(', ')}.`);
  return file;
}

export interface Comparable {
  exitCode: number;
  stdout: string;
  stderr: string;
  files: Record<string, string | null>;
}

export function normalizeOutput(text: string): string {
  return hidePid(dropNodeFrames(text));
}

function comparable(result: RunResult): Comparable {
  const files: Record<string, string | null> = {};
  for (const key of Object.keys(result.files).sort()) {
    const content = result.files[key];
    files[key] = content === null || content === undefined ? null : typeof content === 'string' ? content : `<${content.length} bytes: ${content.toString('base64')}>`;
  }
  return { exitCode: result.exitCode, stdout: normalizeOutput(result.stdout), stderr: normalizeOutput(result.stderr), files };
}

/** A failure inside the library (runAsMain is never supposed to throw) as a comparable result. */
function thrown(error: unknown): Comparable {
  const text = (error as Error)?.stack ?? String(error);
  // The head of it: the frames below (this harness, vitest) say nothing about the cause.
  const shown = text.split('\n').slice(0, 12).map((line) => line.slice(0, 300));
  return { exitCode: -1, stdout: '', stderr: `runAsMain threw: ${shown.slice(0, 12).join('\n')}`, files: {} };
}

export interface Outcome {
  node: Comparable;
  inProcess: Comparable;
  match: boolean;
}

export function isSame(a: Comparable, b: Comparable): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Runs `file` both ways with the same options. */
export async function runBoth(file: string, options: RunOptions): Promise<Outcome> {
  const full: RunOptions = { cwd: RUN_CWD, files: {}, extendEnv: false, ...options, env: { ...RUN_ENV, ...options.env } };
  const node = comparable(await runInNode(file, full));
  let inProcess: Comparable;
  try {
    inProcess = comparable(await runAsMain(file, full));
  } catch (error) {
    inProcess = thrown(error);
  }
  return { node, inProcess, match: isSame(node, inProcess) };
}

export function runInvocation(invocation: Invocation): Promise<Outcome> {
  return runBoth(binFile(invocation), {
    argv: invocation.argv ?? [],
    stdin: invocation.stdin ?? '',
    files: invocation.files ?? {},
    env: invocation.env,
    timeout: invocation.timeout ?? 60_000,
  });
}
