import { ObjectDefineProperty, ReflectApply, realProcess } from '../primordials.js';
import { currentRun, type RunState } from './run-state.js';
import { RunSlot } from './run-slot.js';

/**
 * The real process's methods that act on the whole process — end it, signal it, change its
 * umask, install its uncaught-exception capture — as a run's `process` must not reach them.
 */

/**
 * Names the facade defines itself, which must not fall through to the real process's once a
 * script deletes them (`delete process.exit; process.exit(3)` would exit the host; a deleted
 * `stdout` would reach the host's dispatching getter, which asks the facade again): inside a run
 * they then read undefined, as on node's process after the same delete.
 */
const GUARDED = [
  'exit', 'reallyExit', 'kill', '_kill', 'abort', 'chdir', 'umask', 'setUncaughtExceptionCaptureCallback',
  'hasUncaughtExceptionCaptureCallback', 'title', 'exitCode', 'argv', 'env', 'stdout', 'stderr', 'stdin', '_events',
  '_eventsCount', '_maxListeners',
];

/**
 * The object between the facade and the real process: for each guarded name an accessor that
 * gives the real method outside runs and nothing inside one; assigning defines the name on the
 * facade again, as an assignment to node's process would.
 */
export function hostMethodGuard(): object {
  const guard = Object.create(realProcess) as object;
  for (const name of GUARDED) {
    ObjectDefineProperty(guard, name, {
      __proto__: null,
      configurable: true,
      enumerable: false,
      get() {
        return currentRun.getStore() ? undefined : (realProcess as unknown as Record<string, unknown>)[name];
      },
      set(this: object, value: unknown) {
        ObjectDefineProperty(this, name, { __proto__: null, value, writable: true, enumerable: true, configurable: true } as PropertyDescriptor);
      },
    } as PropertyDescriptor);
  }
  return guard;
}

const umasks = new RunSlot<number>();
const captureCallbacks = new RunSlot<((error: unknown) => void) | null>();

/** The host's umask when the library loaded, read without Node's deprecation of a bare `umask()`. */
let hostUmask: number | undefined;

function initialUmask(): number {
  if (hostUmask === undefined) {
    // A worker thread cannot set the umask: there only the bare read works (Node warns once,
    // as it would for any caller).
    try {
      hostUmask = realProcess.umask(0o022);
      realProcess.umask(hostUmask);
    } catch {
      hostUmask = realProcess.umask();
    }
  }
  return hostUmask;
}

function invalidMask(mask: unknown): TypeError {
  const shown = typeof mask === 'string' ? `'${mask}'` : String(mask);
  return Object.assign(new TypeError(`The argument 'mask' must be a 32-bit unsigned integer or an octal string. Received ${shown}`), {
    code: 'ERR_INVALID_ARG_VALUE',
  });
}

/** A run's own umask (the host's to start with): what `process.umask()` reads and sets in it. */
export function runUmask(run: RunState): number {
  return umasks.get(run) ?? initialUmask();
}

function umask(mask?: unknown): number {
  const run = currentRun.getStore();
  if (!run) return ReflectApply(realProcess.umask, realProcess, mask === undefined ? [] : [mask]) as number;
  const old = runUmask(run);
  if (mask === undefined) return old;
  let value: number;
  if (typeof mask === 'number' && Number.isInteger(mask) && mask >= 0 && mask <= 0xffffffff) value = mask;
  else if (typeof mask === 'string' && /^[0-7]+$/.test(mask)) value = Number.parseInt(mask, 8);
  else throw invalidMask(mask);
  umasks.set(run, value & 0o777);
  return old;
}

/** The capture callback a run installed with `process.setUncaughtExceptionCaptureCallback`, if any. */
export function captureCallbackOf(run: RunState): ((error: unknown) => void) | undefined {
  return captureCallbacks.get(run) ?? undefined;
}

function setUncaughtExceptionCaptureCallback(fn: unknown): void {
  const run = currentRun.getStore();
  if (!run) {
    ReflectApply(realProcess.setUncaughtExceptionCaptureCallback, realProcess, [fn]);
    return;
  }
  if (fn !== null && typeof fn !== 'function') {
    throw Object.assign(
      new TypeError(`The "fn" argument must be of type function or null. Received ${fn === undefined ? 'undefined' : `type ${typeof fn} (${String(fn)})`}`),
      { code: 'ERR_INVALID_ARG_TYPE' },
    );
  }
  if (fn !== null && captureCallbacks.get(run)) {
    throw Object.assign(
      new Error('`process.setupUncaughtExceptionCapture()` was called while a capture callback was already active'),
      { code: 'ERR_UNCAUGHT_EXCEPTION_CAPTURE_ALREADY_SET' },
    );
  }
  captureCallbacks.set(run, fn as ((error: unknown) => void) | null);
}

function hasUncaughtExceptionCaptureCallback(): boolean {
  const run = currentRun.getStore();
  if (!run) return realProcess.hasUncaughtExceptionCaptureCallback();
  return Boolean(captureCallbacks.get(run));
}

/** The facade's own versions of the process-wide methods, for process.ts to define. */
export const processWideMethods: Record<string, Function> = {
  umask,
  setUncaughtExceptionCaptureCallback,
  hasUncaughtExceptionCaptureCallback,
};
