/**
 * `npm start`: the `run-as-main` command on the seed's demo (fixtures/demo/, the README
 * walkthrough): a computation given a global, settings read back, a failing script, an exiting
 * one, a script reading its arguments, a build that writes a file. Each command is shown as
 * typed in fixtures/demo/, then the report it prints; test/demo.test.ts pins them.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { shellCommand } from './cli/args.js';
import { type CliIo, runCli } from './cli/run-cli.js';

/** The demo's command lines: what follows `run-as-main`, run in fixtures/demo/. */
export const DEMO_COMMANDS: readonly (readonly string[])[] = [
  ['--init', 'N=5', 'compute.js'],
  ['config.js'],
  ['failing.js'],
  ['exiting.js'],
  ['printargs.js', '--', '--foo', 'bar'],
  ['--files', 'site', 'bin/build.js'],
];

/** fixtures/demo/, from this file in src/ or in dist/. */
export const DEMO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'demo');

/** Runs each demo command with `io` (its cwd fixtures/demo/), each after the line that types it. */
export async function runDemo(io: Omit<CliIo, 'cwd'>): Promise<void> {
  io.stdout.write('$ cd fixtures/demo\n');
  for (const args of DEMO_COMMANDS) {
    io.stdout.write(`\n$ run-as-main ${shellCommand(args)}\n`);
    await runCli(args, { ...io, cwd: DEMO_DIR });
  }
}
