/**
 * The parent side of the chaos battery: a workspace in a temporary directory (the library and the
 * driver bundled from src/ as one file, the cases' scripts, the probes), the expectations from
 * real node (runInNode), and the driver children that run the cases in-process. A child that
 * dies or stops answering is reported for the case it was in, and the cases after it go to a
 * fresh child.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import type { RunOptions } from '../../src/index.js';
import { runInNode } from '../../src/index.js';
import type { CaseReport, DriverCase, DriverPlan, ProbeSpec } from './driver.js';
import { type Comparable, comparable } from './normalize.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Workspace {
  root: string;
  /** The bundled program: dist/<name>.js. */
  driver: string;
  remove(): void;
}

/**
 * A temporary directory with `node_modules` linked to the project's and `dist/<name>.js` bundled
 * from test/chaos/<name>.ts (the library compiled in, from src/, as the build would; under
 * `dist/`, where the library's frames are its own).
 */
export function makeWorkspace(name: 'driver' | 'soak' = 'driver'): Workspace {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), `run-as-main-${name}-`)));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const driver = path.join(root, 'dist', `${name}.js`);
  buildSync({
    entryPoints: [path.join(ROOT, `test/chaos/${name}.ts`)],
    outfile: driver,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    supported: { 'top-level-await': true },
    packages: 'external',
    logLevel: 'error',
  });
  return { root, driver, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Writes `files` under `dir` (POSIX keys), creating directories. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

/** What real node does with `entry`, normalised for comparison; a failure to run is the error's text. */
export async function nodeExpectation(entry: string, dir: string, options: RunOptions): Promise<Comparable> {
  const result = await runInNode(entry, { cwd: dir, ...options });
  return comparable(result, dir);
}

/** Runs `tasks` with at most `limit` at once. */
export async function inParallel<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

/** A case that took its driver child down, or was in flight when the child stopped answering. */
export interface CrashReport {
  id: string;
  crashed: true;
  how: string;
  /** The tail of the child's own stderr: Node's report of the host's death. */
  stderr: string;
}

export type Outcome = CaseReport | CrashReport;

/** How long a child may stay silent (no report) before it is killed as hung. */
const SILENCE_MS = 30_000;

/** One driver child over `cases` (in order); resolves with what it reported and where it stopped. */
function runChild(workspace: Workspace, cases: DriverCase[], probes: ProbeSpec[], index: number): Promise<Outcome[]> {
  const planFile = path.join(workspace.root, `plan-${index}.json`);
  const plan: DriverPlan = { cases, probes };
  writeFileSync(planFile, JSON.stringify(plan));
  const stdoutFile = path.join(workspace.root, `child-${index}.stdout`);
  const stderrFile = path.join(workspace.root, `child-${index}.stderr`);
  const stdoutFd = openSync(stdoutFile, 'w+');
  const stderrFd = openSync(stderrFile, 'w+');
  const child = spawn(process.execPath, [workspace.driver, planFile], {
    cwd: workspace.root,
    stdio: ['ignore', stdoutFd, stderrFd, 'pipe'],
  });
  closeSync(stdoutFd);
  closeSync(stderrFd);
  const outcomes: Outcome[] = [];
  let inFlight: string | undefined;
  let buffered = '';
  let timer: NodeJS.Timeout | undefined;
  const armSilence = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => child.kill('SIGKILL'), SILENCE_MS);
  };
  armSilence();
  const reports = child.stdio[3] as NodeJS.ReadableStream;
  reports.setEncoding('utf8');
  reports.on('data', (chunk: string) => {
    buffered += chunk;
    for (let end = buffered.indexOf('\n'); end !== -1; end = buffered.indexOf('\n')) {
      const message = JSON.parse(buffered.slice(0, end)) as { start?: string; report?: CaseReport };
      buffered = buffered.slice(end + 1);
      armSilence();
      if (message.start) inFlight = message.start;
      if (message.report) {
        outcomes.push(message.report);
        inFlight = undefined;
      }
    }
  });
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (inFlight !== undefined) {
        const stderr = readFileSync(stderrFile, 'utf8');
        outcomes.push({
          id: inFlight,
          crashed: true,
          how: signal === 'SIGKILL' ? `the host hung (no answer for ${SILENCE_MS / 1000} s)` : `the host exited with code ${code}${signal ? ` (${signal})` : ''}`,
          stderr: stderr.slice(-2000),
        });
      }
      resolve(outcomes);
    });
  });
}

/**
 * Runs every case in driver children, `parallel` children at a time over interleaved shares of the
 * list; a child that stops (a crash, a changed host) hands the rest of its share to a new one.
 */
export async function runCases(workspace: Workspace, cases: DriverCase[], probes: ProbeSpec[], parallel: number): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  let children = 0;
  const share = async (mine: DriverCase[]): Promise<void> => {
    let rest = mine;
    while (rest.length > 0) {
      const got = await runChild(workspace, rest, probes, children++);
      for (const outcome of got) outcomes.set(outcome.id, outcome);
      const done = new Set(got.map((outcome) => outcome.id));
      const before = rest.length;
      rest = rest.filter((testCase) => !done.has(testCase.id));
      // A child that reported nothing at all: report it on its first case, so the loop moves on.
      if (rest.length === before) {
        outcomes.set(rest[0]!.id, { id: rest[0]!.id, crashed: true, how: 'the driver started no case', stderr: '' });
        rest = rest.slice(1);
      }
    }
  };
  const shares = Array.from({ length: parallel }, (_, k) => cases.filter((_, index) => index % parallel === k));
  await Promise.all(shares.map(share));
  return outcomes;
}
