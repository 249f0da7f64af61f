import { inspect } from 'node:util';
import { MathMax, ReflectApply, ReflectGetOwnPropertyDescriptor, ReflectGetPrototypeOf, SafeString } from '../primordials.js';
import { type FailureOrigin, formatTraceback, formatUncaught, NODE_VERSION_TRAILER, relativizePaths } from '../traceback.js';
import type { RunState } from './run-state.js';

const TRACE_UNCAUGHT_HINT = '(Use `node --trace-uncaught ...` to show where the exception was thrown)\n';

/**
 * Writes Node's report of an uncaught `error` on the run's stderr. Never throws: a value whose
 * inspection throws (a revoked proxy, a throwing `stack` getter or `Error.prepareStackTrace`)
 * gets what Node's own reporter prints when its inspection fails.
 */
export function writeUncaughtReport(run: RunState, error: unknown, origin: FailureOrigin): void {
  run.output.write('stderr', `${reportOf(error, origin)}${NODE_VERSION_TRAILER}`);
}

/** `result.traceback` (SPEC §4); never throws, as writeUncaughtReport. */
export function tracebackOf(error: unknown, cwd: string, origin: FailureOrigin): string {
  try {
    return formatTraceback(error, cwd, origin);
  } catch {
    return relativizePaths(fallbackReport(error, true).replace(/^\n+/, ''), cwd);
  }
}

/**
 * What Node prints for `error` (without its source line and caret where those need V8's message).
 * Node reads the error's `stack` first, then inspects it without custom inspection; when that
 * throws, its C++ reporter falls back (see fallbackReport).
 */
function reportOf(error: unknown, origin: FailureOrigin): string {
  if (typeof error === 'symbol') return `\n\n${TRACE_UNCAUGHT_HINT}`; // a symbol has no string Node could print
  if (error !== null && (typeof error === 'object' || typeof error === 'function')) {
    const isError = isErrorSafely(error);
    try {
      void (error as { stack?: unknown }).stack;
    } catch {
      return fallbackReport(error, isError);
    }
    if (!isError) {
      try {
        return `\n${inspect(error, { customInspect: false, depth: MathMax(inspect.defaultOptions.depth ?? 2, 5) })}\n`;
      } catch {
        return fallbackReport(error, false);
      }
    }
  }
  try {
    return formatUncaught(error, origin);
  } catch {
    return fallbackReport(error, error !== null && typeof error === 'object' && isErrorSafely(error));
  }
}

/** `instanceof Error`, false when a proxy's getPrototypeOf trap throws. */
function isErrorSafely(value: object): boolean {
  try {
    return value instanceof Error;
  } catch {
    return false;
  }
}

/**
 * Node's ReportFatalException when the error's stack and its inspection are out of reach: an
 * object with both `name` and `message` prints as `name: message`, anything else as its string
 * (empty when even that throws), then the --trace-uncaught hint. Node prints the source line and
 * caret above it from V8's message, out of reach here; for a value that is not an Error, a
 * blank line stands for them, as in the report of a thrown primitive.
 */
function fallbackReport(error: unknown, isError: boolean): string {
  return `${isError ? '' : '\n'}${namedMessage(error) ?? tryString(error)}\n${TRACE_UNCAUGHT_HINT}`;
}

function namedMessage(error: unknown): string | undefined {
  if (error === null || (typeof error !== 'object' && typeof error !== 'function')) return undefined;
  const message = tryGet(error, 'message');
  const name = tryGet(error, 'name');
  return message !== undefined && name !== undefined ? `${tryString(name)}: ${tryString(message)}` : undefined;
}

/** `object[key]` through its prototype chain, undefined when a getter or a proxy trap throws. */
function tryGet(object: object, key: string): unknown {
  try {
    for (let holder: object | null = object; holder !== null; holder = ReflectGetPrototypeOf(holder)) {
      const descriptor = ReflectGetOwnPropertyDescriptor(holder, key);
      if (!descriptor) continue;
      return 'value' in descriptor ? descriptor.value : descriptor.get && ReflectApply(descriptor.get, object, []);
    }
  } catch {
    // Node's Get failed the same way: treated as absent
  }
  return undefined;
}

function tryString(value: unknown): string {
  try {
    return SafeString(value);
  } catch {
    return '';
  }
}

/**
 * An error an 'exit' listener threw on the way out (a natural end, process.exit): Node reports it
 * and exits with the exit code already set, else 1.
 */
export function failFromExitListener(run: RunState, error: unknown): void {
  run.error = { value: error, origin: 'thrown' };
  run.exitCode ??= 1;
  writeUncaughtReport(run, error, 'thrown');
}
