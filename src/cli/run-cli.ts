import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { RunAsMainUsageError, type RunOptions, runAsMain, runInNode, safeRunModule } from '../index.js';
import { runLocationOf } from '../result-location.js';
import { type CliRun, CliUsageError, parseCliArgs, shellCommand } from './args.js';
import { colourWanted, paletteFor } from './colour.js';
import { comparisonToJson, compareRuns, formatComparison } from './compare.js';
import { HELP, version } from './help.js';
import { resultToJson } from './json.js';
import { formatReport } from './report.js';
import { readSeedDirectory } from './seed-files.js';

/** What the command reads and writes: the process's own, or a caller's (`npm start`'s demo, tests). */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  /** What relative paths on the command line (the run's `--cwd`, `--files`, `--stdin`) are relative to. */
  cwd: string;
  /** This process's stdin, to its end (`--stdin -`). */
  readStdin(): Buffer | Promise<Buffer>;
}

/** Exit status of a command line the command cannot take (as `diff` and most Unix tools). */
export const USAGE_EXIT_CODE = 2;

/**
 * The `run-as-main` command (SPEC §7): parses `argv` (what follows `run-as-main`), runs the
 * script in-process — and with `--compare` under node too —, writes the report or the JSON to
 * `io.stdout`, and returns the exit status: the script's, with `--compare` 0 when both runs
 * behave alike and 1 when not; 2 for misuse, said in one line on `io.stderr`.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    const invocation = parseCliArgs(argv);
    if (invocation.kind === 'help') {
      io.stdout.write(HELP);
      return 0;
    }
    if (invocation.kind === 'version') {
      io.stdout.write(`${version()}\n`);
      return 0;
    }
    return await execute(invocation, io);
  } catch (error) {
    if (error instanceof CliUsageError || error instanceof RunAsMainUsageError) {
      io.stderr.write(`run-as-main: ${oneLine(error.message)}\n`);
      return USAGE_EXIT_CODE;
    }
    // Not the script's doing and not misuse: a fault of run-as-main itself, worth its stack.
    io.stderr.write(`run-as-main: internal error, please report it: ${error instanceof Error ? error.stack : String(error)}\n`);
    return 70;
  }
}

async function execute(run: CliRun, io: CliIo): Promise<number> {
  if (run.compare && run.init.length > 0) {
    throw new CliUsageError('--compare cannot be used with --init: a node process has no way to inject globals into its script');
  }
  const options = runOptionsOf(run, io);
  if (run.stdin === '-') options.stdin = await io.readStdin();
  if (run.compare && options.files === undefined && options.fs !== 'real') options.files = treeForComparison(options.cwd as string);
  const result = run.module === undefined ? await runAsMain(run.script!, options) : await safeRunModule(run.module, options);
  const palette = paletteFor(colourWanted(io.stdout, io.env));
  const width = io.stdout.isTTY ? (io.stdout.columns ?? 100) : 100;
  if (!run.compare) {
    io.stdout.write(run.json ? `${JSON.stringify(resultToJson(result), null, 2)}\n` : formatReport(result, { command: commandOf(run), palette, width }));
    return result.exitCode;
  }
  // node runs the entry in-process ran: a module's resolved file (an archive unpacks again).
  const target = run.module === undefined ? run.script! : (runLocationOf(result)?.entry ?? run.module);
  const node = await runInNode(target, options);
  if (run.json) {
    io.stdout.write(`${JSON.stringify(comparisonToJson(result, node), null, 2)}\n`);
  } else {
    io.stdout.write(formatReport(result, { command: commandOf(run), palette, width }));
    io.stdout.write(`\n${formatComparison(result, node, palette)}`);
  }
  return compareRuns(result, node).every((field) => field.same) ? 0 : 1;
}

function runOptionsOf(run: CliRun, io: CliIo): RunOptions {
  const options: RunOptions = { argv: run.args, cwd: path.resolve(io.cwd, run.cwd ?? '.') };
  if (run.files !== undefined) options.files = readSeedDirectory(path.resolve(io.cwd, run.files), { given: run.files });
  if (run.init.length > 0) options.initGlobals = Object.fromEntries(run.init);
  if (run.fs !== undefined) options.fs = run.fs;
  if (run.timeout !== undefined) options.timeout = run.timeout;
  if (run.stdin !== undefined && run.stdin !== '-') options.stdin = readStdinFile(path.resolve(io.cwd, run.stdin), run.stdin);
  return options;
}

/** Files a directory may hold for `--compare` to copy it whole. */
const MAX_COMPARED_FILES = 2_000;

/**
 * `--compare` without `--files`: both runs see the cwd's tree as it is now, copied (but for
 * node_modules and .git, which modules resolve from on the disk), so that node runs in a
 * temporary copy of it (runInNode with `files`) and never writes to the real one.
 */
function treeForComparison(cwd: string): RunOptions['files'] {
  if (statSync(cwd, { throwIfNoEntry: false })?.isDirectory() !== true) return {};
  return readSeedDirectory(cwd, {
    given: cwd,
    leaveOut: ['node_modules', '.git'],
    maxFiles: MAX_COMPARED_FILES,
    tooLarge: `--compare copies the run's cwd for node to run in, and ${cwd} holds more than ${MAX_COMPARED_FILES} files: give the files the script needs with --files <dir>, or a --cwd that holds fewer`,
  });
}

function readStdinFile(file: string, given: string): Buffer {
  const stats = statSync(file, { throwIfNoEntry: false });
  if (!stats) throw new CliUsageError(`--stdin ${given}: no such file (use - for this command's own stdin)`);
  if (stats.isDirectory()) throw new CliUsageError(`--stdin ${given}: a directory, not a file`);
  return readFileSync(file);
}

/** The command as the run saw it, quoted for a POSIX shell: `word-count.cjs 'the cat' --top 2`. */
function commandOf(run: CliRun): string {
  return shellCommand([...(run.module === undefined ? [run.script!] : ['-m', run.module]), ...run.args]);
}

function oneLine(message: string): string {
  return message
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
}

function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    readStdin: readProcessStdin,
  };
}

/** The process's stdin to its end, read as a stream: a terminal, a pipe or a file, blocking or not. */
async function readProcessStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
