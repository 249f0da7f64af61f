import { ExitSignal } from '../errors.js';
import { NODE_VERSION_TRAILER } from '../traceback/traceback.js';
import { type FailureOrigin, formatUncaught, reportStyleOf } from '../traceback/uncaught-report.js';
import { emitExit, emitRunEvent, runProcess } from './process.js';
import { currentRun, type RunState } from './run-state.js';

/** Promises reported unhandled, by run: Node may report them handled later ('rejectionHandled'). */
const reportedRejections = new WeakMap<object, RunState>();

/** The run whose promise was last reported unhandled: Node reports it again as uncaught. */
let rejectedRun: RunState | undefined;

function runOfPromise(promise: unknown): RunState | undefined {
  const key = (currentRun as unknown as { kResourceStore?: symbol }).kResourceStore;
  if (!key || !promise || typeof promise !== 'object') return undefined;
  return (promise as Record<symbol, RunState | undefined>)[key];
}

/**
 * An error nobody caught ends the run as it ends node: exit code 1, 'exit' listeners, then the
 * report on the run's stderr. A script's own 'uncaughtException' listeners take it first.
 */
export function failRun(run: RunState, error: unknown, origin: FailureOrigin): void {
  if (run.ended) return;
  if (error instanceof ExitSignal) return;
  if (runProcess.listenerCount('uncaughtException') > 0 && currentRun.getStore() === run) {
    emitRunEvent('uncaughtException', error, origin === 'rejection' ? 'unhandledRejection' : 'uncaughtException');
    return;
  }
  run.error = { value: error, origin };
  run.exitCode = 1;
  run.ending = { kind: 'exit' };
  try {
    emitExit(run);
  } catch (listenerError) {
    if (!(listenerError instanceof ExitSignal)) run.error = { value: listenerError, origin: 'thrown' };
  }
  const style = reportStyleOf(run.options.tty !== undefined, run.env ?? run.options.env);
  run.output.write('stderr', `${formatUncaught(run.error.value, run.error.origin, style)}${NODE_VERSION_TRAILER}`);
  run.output.closed = true;
  run.onActivity();
}

/** Handles what Node emits on the real `process` for a run's failure; false: not a run's. */
function dispatchFailure(event: string, args: unknown[]): boolean | undefined {
  if (event === 'unhandledRejection') {
    const run = runOfPromise(args[1]) ?? currentRun.getStore();
    // The exit signal is the library's own: whichever run it unwound, it is never the host's.
    if (!run) return args[0] instanceof ExitSignal ? true : undefined;
    if (args[1] && typeof args[1] === 'object') reportedRejections.set(args[1], run);
    if (run.ended) return true;
    const handled = currentRun.run(run, () => emitRunEvent('unhandledRejection', args[0], args[1]));
    if (!handled) rejectedRun = run; // Node now raises it as an uncaught exception
    return handled;
  }
  if (event === 'uncaughtException') {
    const origin: FailureOrigin = args[1] === 'unhandledRejection' ? 'rejection' : 'thrown';
    const run = (origin === 'rejection' ? rejectedRun : undefined) ?? currentRun.getStore();
    rejectedRun = undefined;
    if (!run) return args[0] instanceof ExitSignal ? true : undefined;
    if (!run.ended) currentRun.run(run, () => failRun(run, args[0], origin));
    return true;
  }
  if (event === 'rejectionHandled') {
    const promise = args[0];
    const run =
      (promise && typeof promise === 'object' ? reportedRejections.get(promise) : undefined) ??
      runOfPromise(promise) ??
      currentRun.getStore();
    if (!run) return undefined;
    // The run's listeners hear of it; without any, Node's warning would go to the host.
    if (!run.ended && currentRun.run(run, () => emitRunEvent('rejectionHandled', args[0]))) return true;
    if (!run.ended) {
      currentRun.run(run, () =>
        runProcess.emitWarning('Promise rejection was handled asynchronously', 'PromiseRejectionHandledWarning'),
      );
    }
    return true;
  }
  if (event === 'uncaughtExceptionMonitor') {
    const run = currentRun.getStore();
    if (!run) return undefined;
    if (!run.ended) currentRun.run(run, () => emitRunEvent('uncaughtExceptionMonitor', args[0], args[1]));
    return true;
  }
  return undefined;
}

let installed = false;

/**
 * Routes the failures Node reports on the real `process` (an error thrown in a run's timer, a
 * rejection nobody handled, the exit signal unwinding a callback) to the run they belong to.
 * Installed once; outside runs `process.emit` behaves as before.
 */
export function installFailureDispatch(): void {
  if (installed) return;
  installed = true;
  const originalEmit = process.emit;
  const emit = function (this: NodeJS.Process, event: string | symbol, ...args: unknown[]): boolean {
    if (this === process && typeof event === 'string') {
      const handled = dispatchFailure(event, args);
      if (handled !== undefined) return handled;
    }
    return (originalEmit as (...a: unknown[]) => boolean).apply(this, [event, ...args]);
  };
  process.emit = emit as typeof process.emit;
}
