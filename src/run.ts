import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { RunAsMainUsageError } from './errors.js';
import { runBuiltinModule } from './loader/builtins.js';
import { namespaceNames } from './loader/namespace.js';
import { hostNextTick, hostQueueMicrotask, ObjectAssign, ObjectDefineProperty } from './primordials.js';
import { ModuleRegistry } from './loader/registry.js';
import { findPackageScope, realFs, type ResolveFs } from './loader/resolve.js';
import { createDiskView } from './loader/disk-view.js';
import { OverlaidFs, VolumeFirstFs } from './loader/layered-fs.js';
import { type NormalizedOptions, toAbsolutePath } from './options.js';
import { createRunResult, type RunResult } from './result.js';
import { setRunLocation } from './result-location.js';
import { enterGlobalsScope, leaveGlobalsScope, saveErrorSettings } from './sandbox/globals.js';
import { installHostDispatch } from './sandbox/host-dispatch.js';
import { asyncResourcesCreated, outsideRuns } from './sandbox/resources.js';
import { currentRun, type LoaderQueries, RunState } from './sandbox/run-state.js';
import type { RunVolume } from './sandbox/fs/run-volume.js';
import { volumeOf } from './sandbox/fs/volume-of.js';
import { installStackTraceDispatch } from './traceback/stack-traces.js';
import { failRun, installFailureDispatch } from './sandbox/uncaught.js';
import { isWatchdogTimeout, runWithWatchdog } from './sandbox/watchdog.js';
import { type MainState, type Settling, settleRun } from './settle.js';
import { resolveEntry } from './target.js';
import { formatTraceback } from './traceback/traceback.js';

function snapshotExports(value: unknown, isEsm: boolean): unknown {
  if (!isEsm) return value;
  const snapshot: Record<string, unknown> = {};
  for (const name of namespaceNames(value as object)) {
    try {
      snapshot[name] = (value as Record<string, unknown>)[name];
    } catch {
      // still in its temporal dead zone: absent, like a namespace binding
    }
  }
  return snapshot;
}

/** What the sandbox asks of the loader, for every run. */
const loaderQueries: LoaderQueries = {
  packageDirOf: (file) => findPackageScope(file, { fs: realFs })?.dir ?? path.dirname(file),
  builtinModule: runBuiltinModule,
};

/**
 * The script's evaluation as the run's main module, and what settling asks of it. A class with
 * bound callbacks, not closures over executeRun's locals (CONTRIBUTING.md, "Objects made per run").
 */
class MainEvaluation implements MainState {
  /** When the run is over, as Node's event loop decides it; it asks this evaluation whether it still awaits. */
  readonly settling: Settling;
  private evaluation: Promise<void> | undefined;
  private settled = false;
  /** The main module is an ES module: a failure of its evaluation (linking too) is reported as one. */
  private isEsm = false;
  private readonly enterBound = this.enter.bind(this);
  private readonly evaluateBound = this.evaluate.bind(this);
  private readonly onFulfilled = this.fulfilled.bind(this);
  private readonly onRejected = this.rejected.bind(this);

  constructor(
    private readonly run: RunState,
    private readonly registry: ModuleRegistry,
    private readonly path: string,
    private readonly started: number,
  ) {
    this.settling = settleRun(run, run.options, this, started);
  }

  awaiting(): boolean {
    return this.evaluation !== undefined && !this.settled;
  }

  unsettledAwait(): ReturnType<MainState['unsettledAwait']> {
    return this.registry.unsettledAwait();
  }

  /**
   * Node runs a CommonJS main where process.nextTick callbacks it queues run before its promise
   * jobs (a tick callback: the tick queue is drained first) and an ES module main inside a
   * promise job (promise jobs first).
   */
  schedule(isEsm: boolean): void {
    this.isEsm = isEsm;
    if (isEsm) hostQueueMicrotask(this.enterBound);
    else hostNextTick(this.enterBound);
  }

  private enter(): void {
    this.settling.begin();
    const before = asyncResourcesCreated();
    currentRun.run(this.run, this.evaluateBound);
    // A script that queued nothing (no promise, tick, timer or request) leaves Node's loop
    // nothing to run: it is over now, as a process would be, without waiting for a loop turn.
    if (asyncResourcesCreated() === before) this.settling.checkNow();
    else this.run.onActivity();
  }

  private evaluate(): void {
    const { run, registry, path } = this;
    const opts = run.options;
    try {
      // With an explicit timeout, a top-level loop that never ends is stopped too (SPEC §3.7).
      this.evaluation = opts.timeoutExplicit
        ? runWithWatchdog(() => registry.runMain(path), opts.timeout - (performance.now() - this.started))
        : registry.runMain(path);
      this.evaluation?.then(this.onFulfilled, this.onRejected);
    } catch (error) {
      if (isWatchdogTimeout(error)) this.settling.endWithTimeout();
      else failRun(run, error, this.isEsm ? 'evaluation' : 'thrown');
    }
  }

  private fulfilled(): void {
    this.settled = true;
    this.run.onActivity();
  }

  private rejected(error: unknown): void {
    this.settled = true;
    failRun(this.run, error, 'evaluation');
    this.run.onActivity();
  }
}

/**
 * Whether the entry runs as an ES module. A syntax error found while telling is the script's:
 * thrown again, and reported as Node reports it, when the entry runs (never out of runAsMain, and
 * never after the globals scope was entered, which it would leave open for every later run).
 */
function entryLooksEsm(registry: ModuleRegistry, path: string): boolean {
  try {
    return registry.isEsmEntry(path);
  } catch {
    return false;
  }
}

/** Runs one script to its end; everything the script does is on the result, nothing throws. */
export async function executeRun<T>(
  opts: NormalizedOptions,
  target: { path: string; source?: string },
  disk: ResolveFs = createDiskView(),
): Promise<RunResult<T>> {
  installFailureDispatch();
  installHostDispatch();
  installStackTraceDispatch();
  const run = new RunState(opts, loaderQueries);
  run.mainPath = target.path;
  const layered = opts.fs === 'real' ? disk : new VolumeFirstFs(run, disk);
  // runSource: the file given as text.
  const fs = target.source === undefined ? layered : new OverlaidFs(layered, new Map([[target.path, target.source]]));
  const registry = new ModuleRegistry(run, fs);
  if (opts.files) volumeOf(run);
  // An archive's package replaces whatever the disk holds at its place (archive.ts).
  if (opts.archiveRoot) (run.volume as RunVolume).hideDisk(opts.archiveRoot);
  const restoreErrorSettings = saveErrorSettings();
  const globalsBefore = enterGlobalsScope();
  const started = performance.now();
  const main = new MainEvaluation(run, registry, target.path, started);
  const { settling } = main;
  const isEsm = entryLooksEsm(registry, target.path);
  // Started by a script of another run: that run stays alive until this one ends.
  const parent = currentRun.getStore();
  if (parent) parent.nestedRuns++;
  outsideRuns(() => main.schedule(isEsm));
  await settling.finished;
  if (parent) {
    parent.nestedRuns--;
    parent.onActivity();
  }

  const leakedGlobals = leaveGlobalsScope(globalsBefore);
  restoreErrorSettings();

  const capture = registry.capture;
  const namespace: Record<string, unknown> = { ...opts.initGlobals };
  if (capture) ObjectAssign(namespace, capture());
  const result = createRunResult<T>({
    exitCode: run.finalExitCode,
    signal: run.ending?.kind === 'signal' ? run.ending.signal : undefined,
    namespace: namespace as RunResult<T>['namespace'],
    exports: snapshotExports(registry.entryExports(), registry.entryIsEsm) as T,
    stdout: run.output.text('stdout'),
    stderr: run.output.text('stderr'),
    output: run.output.text('output'),
    failure: run.error && { error: run.error.value, traceback: formatTraceback(run.error.value, opts.cwd, run.error.origin) },
    durationMs: performance.now() - started,
    files: filesOf(run, opts.cwd),
    timedOut: run.ending?.kind === 'timeout',
    pending: settling.pending(),
    leakedGlobals,
    unusedMocks: registry.unusedMocks(),
  });
  // Module-level descriptors (no prototype, nothing made per run), through the primordial: a
  // script may have replaced Object.defineProperty or put a `get` on Object.prototype.
  RUN_DESCRIPTOR.value = run;
  ObjectDefineProperty(result, RESULT_RUN, RUN_DESCRIPTOR);
  RUN_DESCRIPTOR.value = undefined;
  ObjectDefineProperty(result, 'fs', FS_DESCRIPTOR);
  // A `then` of its own: a script's `Object.prototype.then` must not make the promise of the
  // result adopt the script's value instead.
  ObjectDefineProperty(result, 'then', NO_THEN);
  setRunLocation(result, opts.cwd, target.path);
  return result;
}

const RUN_DESCRIPTOR = { __proto__: null, value: undefined as unknown } as PropertyDescriptor;
const FS_DESCRIPTOR = { __proto__: null, configurable: true, enumerable: false, get: resultFs } as PropertyDescriptor;
const NO_THEN = { __proto__: null, value: undefined, writable: true, enumerable: false, configurable: true } as PropertyDescriptor;

/** Whether the script behind `result` called process.exit (any code): runPath raises SystemExit for it. */
export function exitWasCalled(result: RunResult<unknown>): boolean {
  return (result as unknown as { [RESULT_RUN]: RunState })[RESULT_RUN].exitCalled;
}

/** Where `result.fs` finds its run: a hidden, non-enumerable key (see resultFs). */
const RESULT_RUN = Symbol('run-as-main.run');

/**
 * `result.fs`: the run's Volume, made on first read when the script never touched a file. One
 * getter for every result, finding the run through `this`: a getter closed over each run would
 * give every result its own hidden class, which V8 keeps in the old generation, and through it
 * keep each run's objects alive across young-generation collections.
 */
function resultFs(this: { [RESULT_RUN]: RunState }) {
  return (volumeOf(this[RESULT_RUN]) as RunVolume | undefined)?.volume;
}

/** `result.files`: what the run created, changed or deleted, relative to cwd where inside it. */
function filesOf(run: RunState, cwd: string): RunResult['files'] {
  const volume = run.volume as RunVolume | undefined;
  const files: RunResult['files'] = {};
  if (!volume) return files;
  for (const [file, content] of volume.changes()) {
    const relative = path.relative(cwd, file);
    const key = relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
    files[key] = content === null ? null : isUtf8(content) ? content.toString('utf8') : content;
  }
  return files;
}

/** The absolute path of `runSource`'s `filename`, against the run's cwd. */
export function sourceFilename(filename: unknown, cwd: string): string {
  if (filename === undefined) {
    throw new RunAsMainUsageError('runSource needs `options.filename`: the path the source runs as (relative to cwd).');
  }
  return toAbsolutePath('filename', filename, cwd);
}

/**
 * The file a target names (a file, a package directory, a file: URL), checked to exist, seen
 * through the run's file system (whose stats the run then reuses).
 */
export function entryPath(target: unknown, cwd: string, fs: ResolveFs): string {
  if (!(typeof target === 'string' || target instanceof URL)) {
    throw new RunAsMainUsageError(
      `The target must be a path string or a file: URL; received ${target === null ? 'null' : typeof target}.`,
    );
  }
  return resolveEntry(target, cwd, fs);
}
