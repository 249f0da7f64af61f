/**
 * The `run-as-main` command spawned as a user runs it: `node dist/cli.js …` (package.json
 * `bin`) when the build is at least as new as every file of src/ (`npm test` builds before the
 * suite), else the same sources through tsx — so that a targeted `vitest run` never tests a
 * stale build.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const cliFixtures = path.join(root, 'fixtures', 'cli');

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(full) : statSync(full).mtimeMs);
  }
  return newest;
}

let command: string[] | undefined;

/** How to start the command: the built bin, or its sources when the build is missing or stale. */
export function cliCommand(): string[] {
  if (command) return command;
  const built = ['cli.js', 'index.js'].map((file) => path.join(root, 'dist', file));
  const fresh = built.every((file) => existsSync(file) && statSync(file).mtimeMs >= newestIn(path.join(root, 'src')));
  const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs');
  command = fresh ? [built[0]!] : ['--import', `file://${tsx}`, path.join(root, 'src', 'cli', 'main.ts')];
  return command;
}

export interface CliOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface SpawnOptions {
  cwd?: string;
  /** Set over the environment below (which has no colour variables, as a pipe in CI). */
  env?: Record<string, string | undefined>;
  /** Written to the command's stdin, then closed. */
  input?: string;
}

/** Commands running at once, from one test file: the machine has few cores, and each is a node process. */
const MAX_RUNNING = 3;
let running = 0;
const waiting: (() => void)[] = [];

/** Runs `run-as-main ...args` in `cwd` (fixtures/cli by default) and waits for it to end. */
export async function runCommand(args: readonly string[], options: SpawnOptions = {}): Promise<CliOutcome> {
  if (running >= MAX_RUNNING) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await spawnCommand(args, options);
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function spawnCommand(args: readonly string[], options: SpawnOptions): Promise<CliOutcome> {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'NODE_DISABLE_COLORS']) if (!(options.env && name in options.env)) delete env[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...cliCommand(), ...args], { cwd: options.cwd ?? cliFixtures, env, stdio: 'pipe' });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() }));
    child.stdin.end(options.input ?? '');
  });
}

/** A report with what changes between runs and machines as placeholders: the duration, the fixtures' directory, Node's version. */
export function stableReport(text: string): string {
  return text
    .replace(/ in \d+(?:\.\d+)? ms$/gm, ' in <duration>')
    .replaceAll(cliFixtures, '<fixtures>')
    .replace(/^( {2}│ )?Node\.js v\d+\.\d+\.\d+$/gm, '$1Node.js <version>');
}
