import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { NormalizedOptions } from './options.js';
import type { PendingResource } from './result.js';
import { emitExit, emitRunEvent, runProcess } from './sandbox/process.js';
import {
  aliveResources,
  asyncResourcesCreated,
  beginTracking,
  endTracking,
  hasAliveResources,
  holdsHandles,
  outsideRuns,
} from './sandbox/resources.js';
import { currentRun, type RunState } from './sandbox/run-state.js';
import { failRun } from './sandbox/uncaught.js';
import { failFromExitListener } from './sandbox/report-failure.js';
import {
  ArrayPrototypePush,
  FunctionPrototypeBind,
  hostClearTimeout,
  hostNextTick,
  hostQueueMicrotask,
  hostSetImmediate,
  hostSetTimeout,
  MathMax,
  ReflectApply,
  SafePromise,
} from './primordials.js';
import { isUserFrameLine } from './traceback/stacks.js';
import { relativizePaths } from './traceback/traceback.js';
import { NODE_MAJOR } from './node-version.js';

/** How often a run holding handles is looked at again when nothing calls back. */
const HANDLE_POLL_MS = 20;

/** What settling needs to know of the main module. */
export interface MainState {
  /** An ES module main's top-level await is still pending. */
  awaiting(): boolean;
  /** The await it is stuck at, for Node 22+'s warning. */
  unsettledAwait(): { url: string; line: number; column: number; text: string } | undefined;
}

export interface Settling {
  /**
   * Starts tracking what the run creates, as its main module is about to run; the tracking ends
   * with the run. Not earlier or later: the engine's own promises and ticks around a run are not
   * the run's, and the hook that sees them costs each a call.
   */
  begin(): void;
  /** Resolves when the run is over: ended, emptied, or timed out. */
  finished: Promise<void>;
  /** Looks at once whether the run is over (for a script known to have queued nothing). */
  checkNow(): void;
  /** Ends the run now as a timeout (exit code 124), listing what is still pending. */
  endWithTimeout(): void;
  /** What was alive at the timeout. */
  pending(): PendingResource[];
}

/**
 * Ends a run when Node's event loop would: when nothing of it can call back any more ('beforeExit'
 * may schedule more), at `process.exit`, or at the timeout. Installs `run.onActivity`, through
 * which the sandbox asks for a look after each of the run's callbacks.
 */
export function settleRun(run: RunState, opts: NormalizedOptions, main: MainState, started: number): Settling {
  return new RunSettler(run, opts, main, started);
}

/**
 * A class with bound methods, not closures over a function's locals: per-run closures kept in
 * long-lived places (Node's timer and immediate lists) keep a run's objects past V8's
 * young-generation collections (CONTRIBUTING.md, "Objects made per run").
 */
class RunSettler implements Settling {
  readonly finished: Promise<void>;
  private resolveFinished: () => void = noop;
  private pendingAtTimeout: PendingResource[] = [];
  private checkScheduled = false;
  private pollScheduled = false;
  private settled = false;
  private tracking = false;
  /** The last look emitted 'beforeExit' and its listener queued ticks or promise jobs. */
  private afterBeforeExit = false;
  /**
   * The timeout's timer, armed when the run first needs a look after its main module: a run that
   * queued nothing is over before any timer could fire (an endless synchronous loop is the
   * watchdog's), and a timer per run costs its share of a warm run.
   */
  private timer: NodeJS.Timeout | undefined;
  // Bound through the primordial: a script may have replaced Function.prototype.bind.
  private readonly checkBound = FunctionPrototypeBind(this.check, this);
  private readonly pollBound = FunctionPrototypeBind(this.poll, this);
  private readonly scheduleCheckBound = FunctionPrototypeBind(this.scheduleCheck, this);
  private readonly scheduleImmediateBound = FunctionPrototypeBind(this.scheduleImmediate, this);
  readonly endWithTimeout = FunctionPrototypeBind(this.timeout, this);

  constructor(
    private readonly run: RunState,
    private readonly opts: NormalizedOptions,
    private readonly main: MainState,
    private readonly started: number,
  ) {
    this.finished = new SafePromise<void>((resolve) => {
      this.resolveFinished = resolve;
    });
    run.onActivity = this.scheduleCheckBound;
  }

  begin(): void {
    if (this.tracking || this.settled) return;
    this.tracking = true;
    beginTracking();
  }

  pending(): PendingResource[] {
    return this.pendingAtTimeout;
  }

  checkNow(): void {
    if (this.checkScheduled) return; // a look is coming anyway
    outsideRuns(this.checkBound);
  }

  private finish(): void {
    if (this.settled) return;
    this.settled = true;
    if (this.timer) hostClearTimeout(this.timer);
    if (this.tracking) endTracking(this.run);
    this.run.output.closed = true;
    this.resolveFinished();
  }

  private scheduleCheck(): void {
    if (this.checkScheduled || this.settled) return;
    this.checkScheduled = true;
    outsideRuns(this.scheduleImmediateBound);
  }

  /** Outside every run: neither the immediate nor the timer is the run's own. */
  private scheduleImmediate(): void {
    const left = this.opts.timeout - (performance.now() - this.started);
    this.timer ??= hostSetTimeout(this.endWithTimeout, MathMax(left, 1));
    hostSetImmediate(this.checkBound);
  }

  /**
   * Handles (sockets, pipes, children) can close without a callback of their own that would bring
   * us back here: look again a little later, without holding the host.
   */
  private pollLater(): void {
    if (this.pollScheduled) return;
    this.pollScheduled = true;
    // Bound here, not per run: few runs hold handles.
    outsideRuns(FunctionPrototypeBind(this.armPoll, this));
  }

  private armPoll(): void {
    hostSetTimeout(this.pollBound, HANDLE_POLL_MS).unref();
  }

  private poll(): void {
    this.pollScheduled = false;
    this.run.onActivity();
  }

  private endUnsettled(): void {
    const { run } = this;
    // An unsettled top-level await: exit code 13. Node 22 sets it before the 'exit' listeners
    // run and warns; Node 20 sets it after them, silently.
    if (NODE_MAJOR < 22) {
      this.emitExitOf(run);
      run.exitCode ??= 13;
      return;
    }
    run.exitCode ??= 13;
    const stuck = this.main.unsettledAwait();
    if (stuck) {
      const { url, line, column, text } = stuck;
      run.output.write(
        'stderr',
        `Warning: Detected unsettled top-level await at ${url}:${line}\n${text}\n${' '.repeat(column)}^\n\n\n\n`,
      );
    }
  }

  private check(): void {
    const { run } = this;
    this.checkScheduled = false;
    if (this.settled) return;
    if (run.ended) {
      this.finish();
      return;
    }
    if (hasAliveResources(run) || run.nestedRuns > 0) {
      this.afterBeforeExit = false;
      if (holdsHandles(run)) this.pollLater();
      return;
    }
    if (this.main.awaiting()) this.endUnsettled();
    else if (!this.afterBeforeExit && currentRun.run(run, listenersOfBeforeExit) > 0) {
      const created = asyncResourcesCreated();
      currentRun.run(run, emitBeforeExit, run);
      if (run.ended) {
        run.onActivity();
        return;
      }
      if (run.ended || hasAliveResources(run)) {
        run.onActivity();
        return;
      }
      if (asyncResourcesCreated() !== created) {
        // Node runs the ticks and promise jobs a 'beforeExit' listener queued, then exits unless
        // they gave the loop work: look once more after them, without a second 'beforeExit'.
        this.afterBeforeExit = true;
        run.onActivity();
        return;
      }
    }
    const created = asyncResourcesCreated();
    this.emitExitOf(run);
    // Listeners that queued nothing (the common case) leave nothing to wait for.
    if (asyncResourcesCreated() === created) this.finish();
    else this.finishAfterExitListeners();
  }

  /** 'exit' listeners; an error one throws is reported as Node reports it (exit code 1 unless set). */
  private emitExitOf(run: RunState): void {
    const failed = emitExit(run);
    if (failed) failFromExitListener(run, failed.error);
  }

  /**
   * At a natural end Node runs the promise jobs the 'exit' listeners queued (not their ticks)
   * before the process is gone: the output stays open for those. Closed now, so the ticks the
   * listeners queued write nothing; opened again from a tick queued after theirs, for the jobs
   * the listeners queued (they run after every tick), and closed for good by a job queued then.
   */
  private finishAfterExitListeners(): void {
    this.run.output.closed = true;
    hostNextTick(FunctionPrototypeBind(this.reopenForMicrotasks, this));
  }

  private reopenForMicrotasks(): void {
    if (this.settled) return;
    this.run.output.closed = false;
    hostQueueMicrotask(FunctionPrototypeBind(this.finish, this));
  }

  private timeout(): void {
    const { run } = this;
    if (run.ended) {
      this.finish();
      return;
    }
    run.ending = { kind: 'timeout' };
    run.output.closed = true;
    const alive = aliveResources(run, isUserFrameLine);
    for (let i = 0; i < alive.length; i++) {
      ArrayPrototypePush(this.pendingAtTimeout, { kind: alive[i]!.kind, createdAt: relativizePaths(alive[i]!.stack, this.opts.cwd) });
    }
    this.finish();
  }
}

function noop(): void {}

/** EventEmitter's own listenerCount: a script may have replaced the facade's, or its prototype. */
const listenerCount = EventEmitter.prototype.listenerCount as (this: unknown, event: string) => number;

function listenersOfBeforeExit(): number {
  return ReflectApply(listenerCount, runProcess, ['beforeExit']) as number;
}

/** 'beforeExit'; an error a listener throws is uncaught, as in Node (exit code 1, 'exit', the report). */
function emitBeforeExit(run: RunState): void {
  try {
    emitRunEvent('beforeExit', Number(run.exitCode ?? 0));
  } catch (error) {
    failRun(run, error, 'thrown');
  }
}
