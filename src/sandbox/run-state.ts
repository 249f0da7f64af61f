import { AsyncLocalStorage } from 'node:async_hooks';
import type { Readable } from 'node:stream';
import type { NormalizedOptions } from '../options.js';
import type { FailureOrigin } from '../traceback/uncaught-report.js';
import { OutputCapture } from './output.js';
import { ReadableRoots } from './readable-roots.js';
import type { CapturedWriteStream } from './stdio.js';

/** How a run ended, once it has. */
export type Ending =
  | { kind: 'exit' } // process.exit(), an uncaught error, or the event loop emptied
  | { kind: 'signal'; signal: NodeJS.Signals; code: number }
  | { kind: 'timeout' };

/** The EventEmitter fields of the run's `process`: listeners belong to the run. */
export interface EmitterFields {
  _events: Record<string | symbol, unknown>;
  _eventsCount: number;
  _maxListeners: number | undefined;
}

class RunEmitterFields implements EmitterFields {
  _events: Record<string | symbol, unknown> = Object.create(null);
  _eventsCount = 0;
  _maxListeners: number | undefined = undefined;
}

/**
 * What the sandbox asks of the module loader. run.ts hands it to each run, so that the sandbox
 * never imports the loader (data flows run → loader → sandbox → run state).
 */
export interface LoaderQueries {
  /** The directory of the package holding `file` (readable beneath the volume in 'memory' mode), else the file's own. */
  packageDirOf(file: string): string;
  /** `process.getBuiltinModule(id)` in a run: the run's own version of a builtin, or undefined for a name that is none. */
  builtinModule(id: string): unknown;
}

/**
 * Everything one run owns. Created by run.ts, read by the sandbox (process, console, fs) through
 * `currentRun`, which follows the run across awaits, timers and callbacks.
 */
export class RunState {
  private static nextId = 1;
  readonly id = RunState.nextId++;
  readonly output: OutputCapture;
  cwd: string;
  /** Absolute path of the script: `process.argv[1]`. */
  mainPath = '';
  /** The main CommonJS module, for `process.mainModule` and `require.main`. */
  mainModule: unknown;
  /** `process.exitCode` as the script set it (validated, possibly an integer string). */
  exitCode: number | string | null | undefined;
  /** Set when the run is over (process.exit, signal, timeout, uncaught error, natural end). */
  ending: Ending | undefined;
  /** The script called process.exit() (or reallyExit): runPath raises SystemExit even for 0. */
  exitCalled = false;
  /** True while 'exit' listeners run: a nested process.exit() only changes the code. */
  exiting = false;
  /** 'exit' listeners run once, whichever way the run ends. */
  exitEmitted = false;
  /** The uncaught error or unhandled rejection that ended the run. */
  error: { value: unknown; origin: FailureOrigin } | undefined;
  readonly emitter: EmitterFields = new RunEmitterFields();
  /** Runs this run's script started (runAsMain called from inside it) that have not ended: they hold it, as their timers would hold a process. */
  nestedRuns = 0;
  /** Warnings already printed: Node prints its `--trace-warnings` hint once. */
  warned = false;
  /** Called when something of the run may have changed whether it is still alive. */
  onActivity: () => void = () => {};

  /** Directories whose files the run may read from disk in 'memory' mode (its packages). */
  readonly readableRoots: Set<string> = new ReadableRoots();
  /** The run's filesystem (a RunVolume), made on its first filesystem call. */
  volume: unknown;

  /** What sandbox modules keep for this run: see run-slot.ts. */
  slots: Map<object, unknown> | undefined;

  // Created on first use: most runs never touch them.
  argv: string[] | undefined;
  env: Record<string, string> | undefined;
  stdout: CapturedWriteStream | undefined;
  stderr: CapturedWriteStream | undefined;
  stdin: Readable | undefined;
  /** `process.title` as the script set it; the host's until then. */
  title: string | undefined;

  constructor(
    readonly options: NormalizedOptions,
    readonly loader: LoaderQueries,
  ) {
    this.output = new OutputCapture(options.echo);
    this.cwd = options.cwd;
  }

  get ended(): boolean {
    return this.ending !== undefined;
  }

  /** The exit status a parent process would see. */
  get finalExitCode(): number {
    if (this.ending?.kind === 'signal') return this.ending.code;
    if (this.ending?.kind === 'timeout') return 124;
    const code = Number(this.exitCode ?? 0);
    return ((code % 256) + 256) % 256;
  }
}

export const currentRun = new AsyncLocalStorage<RunState>();
