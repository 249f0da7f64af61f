import { NODE_VERSION_TRAILER } from '../traceback/traceback.js';
import { type FailureOrigin, formatUncaught, reportStyleOf } from '../traceback/uncaught-report.js';
import type { RunState } from './run-state.js';

/**
 * Writes Node's report of an uncaught `error` on the run's stderr, in colour where Node's would
 * be. Never throws, whatever the value (traceback/uncaught-report.ts).
 */
export function writeUncaughtReport(run: RunState, error: unknown, origin: FailureOrigin): void {
  const style = reportStyleOf(run.options.tty !== undefined, run.env ?? run.options.env);
  run.output.write('stderr', `${formatUncaught(error, origin, style)}${NODE_VERSION_TRAILER}`);
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
