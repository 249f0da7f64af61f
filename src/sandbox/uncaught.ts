import { EventEmitter } from 'node:events';
import { ExitSignal } from '../errors.js';
import {
  ObjectDefineProperty,
  ObjectHasOwn,
  ReflectApply,
  realGlobal,
  realProcess,
  SafeWeakMap,
  WeakMapPrototypeGet,
  WeakMapPrototypeSet,
} from '../primordials.js';
import type { FailureOrigin } from '../traceback/uncaught-report.js';
import { emitExit, emitRunEvent, runProcess } from './process.js';
import { captureCallbackOf } from './process-host-methods.js';
import { currentRun, type RunState } from './run-state.js';
import { writeUncaughtReport } from './report-failure.js';

/** Promises reported unhandled, by run: Node may report them handled later ('rejectionHandled'). */
const reportedRejections = new SafeWeakMap<object, RunState>();

/** The run whose promise was last reported unhandled: Node reports it again as uncaught. */
let rejectedRun: RunState | undefined;

/** The facade's listeners, counted by EventEmitter's own method: a script may have replaced the facade's. */
const listenerCount = EventEmitter.prototype.listenerCount as (this: unknown, event: string) => number;

/** Node's exit code for an error thrown by an 'uncaughtException' handler. */
const EXCEPTION_IN_FATAL_HANDLER = 7;

function runOfPromise(promise: unknown): RunState | undefined {
  const key = (currentRun as unknown as { kResourceStore?: symbol }).kResourceStore;
  if (!key || !promise || typeof promise !== 'object') return undefined;
  return (promise as Record<symbol, RunState | undefined>)[key];
}

/**
 * An error nobody caught ends the run as it ends node: exit code 1, 'exit' listeners (whose own
 * errors Node ignores at this point), then the report on the run's stderr. A script's own
 * 'uncaughtException' listeners take it first; an error they throw ends the run with 7.
 */
export function failRun(run: RunState, error: unknown, origin: FailureOrigin): void {
  if (run.ended || ExitSignal.is(error)) return;
  const capture = currentRun.getStore() === run ? captureCallbackOf(run) : undefined;
  if (capture) {
    // process.setUncaughtExceptionCaptureCallback: it takes the error instead of the listeners.
    try {
      capture(error);
    } catch (handlerError) {
      if (!ExitSignal.is(handlerError) && !run.ended) endWithReport(run, handlerError, 'thrown', EXCEPTION_IN_FATAL_HANDLER);
    }
    return;
  }
  if (currentRun.getStore() === run && ReflectApply(listenerCount, runProcess, ['uncaughtException']) > 0) {
    try {
      emitRunEvent('uncaughtException', error, origin === 'rejection' ? 'unhandledRejection' : 'uncaughtException');
    } catch (handlerError) {
      if (!ExitSignal.is(handlerError) && !run.ended) endWithReport(run, handlerError, 'thrown', EXCEPTION_IN_FATAL_HANDLER);
    }
    return;
  }
  endWithReport(run, error, origin, 1);
}

function endWithReport(run: RunState, error: unknown, origin: FailureOrigin, code: number): void {
  run.error = { value: error, origin };
  run.exitCode = code;
  run.ending = { kind: 'exit' };
  // Node exits at once when its uncaught-exception handler itself failed: no 'exit' event.
  if (code !== EXCEPTION_IN_FATAL_HANDLER) {
    try {
      emitExit(run);
    } catch {
      // Node: "Nothing to be done about it at this point."
    }
  }
  writeUncaughtReport(run, error, origin);
  run.output.closed = true;
  run.onActivity();
}

/**
 * Node's isErrorLike, which it applies to a rejection's reason nobody handled: for a revoked
 * proxy it throws, and that error is what node then dies of.
 */
function inspectReason(reason: unknown): unknown {
  try {
    if (typeof reason === 'object' && reason !== null) ObjectHasOwn(reason, 'stack');
    return undefined;
  } catch (error) {
    return { error };
  }
}

/**
 * Emits `event` with `count` arguments to the run's listeners (no spread: a script may have
 * emptied the array iterator); an error one throws fails the run as uncaught.
 */
function emitGuarded(run: RunState, event: string, count: 1 | 2, first: unknown, second?: unknown): boolean {
  try {
    return currentRun.run(run, () => (count === 1 ? emitRunEvent(event, first) : emitRunEvent(event, first, second)));
  } catch (error) {
    currentRun.run(run, () => failRun(run, error, 'thrown'));
    return true;
  }
}

/** Handles what Node emits on the real `process` for a run's failure; false: not a run's. */
function dispatchFailure(event: string, args: unknown[]): boolean | undefined {
  if (event === 'unhandledRejection') {
    const run = runOfPromise(args[1]) ?? currentRun.getStore();
    // The exit signal is the library's own: whichever run it unwound, it is never the host's.
    if (!run) return ExitSignal.is(args[0]) ? true : undefined;
    if (args[1] && typeof args[1] === 'object') WeakMapPrototypeSet(reportedRejections, args[1], run);
    if (run.ended) return true;
    const handled = emitGuarded(run, 'unhandledRejection', 2, args[0], args[1]);
    if (handled) return true;
    const uninspectable = inspectReason(args[0]) as { error: unknown } | undefined;
    if (uninspectable) {
      currentRun.run(run, () => failRun(run, uninspectable.error, 'thrown'));
      return true;
    }
    rejectedRun = run; // Node now raises it as an uncaught exception
    return false;
  }
  if (event === 'uncaughtException') {
    const origin: FailureOrigin = args[1] === 'unhandledRejection' ? 'rejection' : 'thrown';
    const run = (origin === 'rejection' ? rejectedRun : undefined) ?? currentRun.getStore();
    rejectedRun = undefined;
    if (!run) return ExitSignal.is(args[0]) ? true : undefined;
    if (!run.ended) currentRun.run(run, () => failRun(run, args[0], origin));
    return true;
  }
  if (event === 'rejectionHandled') {
    const promise = args[0];
    const run =
      (promise && typeof promise === 'object' ? (WeakMapPrototypeGet(reportedRejections, promise) as RunState | undefined) : undefined) ??
      runOfPromise(promise) ??
      currentRun.getStore();
    if (!run) return undefined;
    // The run's listeners hear of it; without any, Node's warning would go to the host.
    if (!run.ended && emitGuarded(run, 'rejectionHandled', 1, args[0])) return true;
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
    if (!run.ended) emitGuarded(run, 'uncaughtExceptionMonitor', 2, args[0], args[1]);
    return true;
  }
  return undefined;
}

/**
 * An error thrown by a microtask queued with `queueMicrotask` reaches Node's uncaught handler
 * outside the run's async context (AsyncLocalStorage loses it there, on Node 20 and 22): inside a
 * run, the callback is wrapped so that its error fails the run it belongs to, as Node would fail
 * the process (the monitor, the capture callback or the listeners first).
 */
function installMicrotaskDispatch(): void {
  const realQueueMicrotask = realGlobal.queueMicrotask;
  const queueMicrotask = function queueMicrotask(callback: () => void): void {
    const run = currentRun.getStore();
    if (!run || typeof callback !== 'function') {
      realQueueMicrotask(callback);
      return;
    }
    realQueueMicrotask(() => {
      try {
        callback();
      } catch (error) {
        if (run.ended || ExitSignal.is(error)) return;
        emitGuarded(run, 'uncaughtExceptionMonitor', 2, error, 'uncaughtException');
        currentRun.run(run, () => failRun(run, error, 'thrown'));
      }
    });
  };
  ObjectDefineProperty(queueMicrotask, 'length', { __proto__: null, value: 1 } as PropertyDescriptor);
  realGlobal.queueMicrotask = queueMicrotask;
}

let installed = false;

/**
 * Routes the failures Node reports on the real `process` (an error thrown in a run's timer, a
 * rejection nobody handled, the exit signal unwinding a callback) to the run they belong to.
 * Installed once, with the queueMicrotask dispatch; outside runs both behave as before. It runs on the host's every
 * emit, so it calls nothing a script could have replaced (no spread: it iterates).
 */
export function installFailureDispatch(): void {
  if (installed) return;
  installed = true;
  const originalEmit = realProcess.emit;
  const emit = function (this: NodeJS.Process, event: string | symbol, ...args: unknown[]): boolean {
    if (this === realProcess && typeof event === 'string') {
      const handled = dispatchFailure(event, args);
      if (handled !== undefined) return handled;
    }
    // biome-ignore lint/complexity/noArguments: arguments, not a spread, which iterates
    return ReflectApply(originalEmit, this, arguments) as boolean;
  };
  realProcess.emit = emit as typeof process.emit;
  installMicrotaskDispatch();
}
