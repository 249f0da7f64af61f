import type { NormalizedOptions } from './options.js';
import type { PendingResource } from './result.js';
import { emitExit, emitRunEvent, runProcess } from './sandbox/process.js';
import { aliveResources, hasAliveResources, holdsHandles, outsideRuns } from './sandbox/resources.js';
import { currentRun, type RunState } from './sandbox/run-state.js';
import { isUserFrameLine, relativizePaths } from './traceback.js';

const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

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
  /** Resolves when the run is over: ended, emptied, or timed out. */
  finished: Promise<void>;
  /** Ends the run now as a timeout (exit code 124), listing what is still pending. */
  endWithTimeout(): void;
  /** What was alive at the timeout. */
  pending(): PendingResource[];
}

/** A class, not a literal: see "Objects made per run" in CONTRIBUTING.md. */
class RunSettling implements Settling {
  constructor(
    readonly finished: Promise<void>,
    readonly endWithTimeout: () => void,
    readonly pending: () => PendingResource[],
  ) {}
}

/**
 * Ends a run when Node's event loop would: when nothing of it can call back any more ('beforeExit'
 * may schedule more), at `process.exit`, or at the timeout. Installs `run.onActivity`, through
 * which the sandbox asks for a look after each of the run's callbacks.
 */
export function settleRun(run: RunState, opts: NormalizedOptions, main: MainState): Settling {
  let pending: PendingResource[] = [];
  let checkScheduled = false;
  let pollScheduled = false;
  let settled = false;
  let resolveFinished = () => {};
  const finished = new Promise<void>((resolve) => {
    resolveFinished = resolve;
  });

  const finish = () => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    run.output.closed = true;
    resolveFinished();
  };

  const pollLater = () => {
    // Handles (sockets, pipes, children) can close without a callback of their own that would
    // bring us back here: look again a little later, without holding the host.
    if (pollScheduled) return;
    pollScheduled = true;
    outsideRuns(() =>
      setTimeout(() => {
        pollScheduled = false;
        run.onActivity();
      }, HANDLE_POLL_MS).unref(),
    );
  };

  const endUnsettled = () => {
    // An unsettled top-level await: exit code 13. Node 22 sets it before the 'exit' listeners
    // run and warns; Node 20 sets it after them, silently.
    if (NODE_MAJOR < 22) {
      emitExit(run);
      run.exitCode ??= 13;
      return;
    }
    run.exitCode ??= 13;
    const stuck = main.unsettledAwait();
    if (stuck) {
      const { url, line, column, text } = stuck;
      run.output.write(
        'stderr',
        `Warning: Detected unsettled top-level await at ${url}:${line}\n${text}\n${' '.repeat(column)}^\n\n\n\n`,
      );
    }
  };

  const check = () => {
    checkScheduled = false;
    if (settled) return;
    if (run.ended) return finish();
    if (hasAliveResources(run)) {
      if (holdsHandles(run)) pollLater();
      return;
    }
    if (main.awaiting()) endUnsettled();
    else if (currentRun.run(run, () => runProcess.listenerCount('beforeExit')) > 0) {
      currentRun.run(run, () => emitRunEvent('beforeExit', Number(run.exitCode ?? 0)));
      if (run.ended || hasAliveResources(run)) return run.onActivity();
    }
    emitExit(run);
    finish();
  };

  run.onActivity = () => {
    if (checkScheduled || settled) return;
    checkScheduled = true;
    outsideRuns(() => setImmediate(check));
  };

  const endWithTimeout = () => {
    if (run.ended) return finish();
    run.ending = { kind: 'timeout' };
    run.output.closed = true;
    pending = aliveResources(run, isUserFrameLine).map(({ kind, stack }) => ({
      kind,
      createdAt: relativizePaths(stack, opts.cwd),
    }));
    finish();
  };
  const timer = setTimeout(endWithTimeout, opts.timeout);

  return new RunSettling(finished, endWithTimeout, () => pending);
}
