import vm from 'node:vm';
import { realGlobal as scriptGlobal } from '../primordials.js';

const ENTRY = Symbol.for('run-as-main.watchdog-entry');
/** Calls the function parked under ENTRY; compiled once. */
const entryScript = new vm.Script('globalThis[Symbol.for("run-as-main.watchdog-entry")]()', {
  filename: 'run-as-main:watchdog',
});

const TIMEOUT_CODE = 'ERR_SCRIPT_EXECUTION_TIMEOUT';

/**
 * The error Node throws when a watchdog stops a script: one with that code of its own. Not
 * `error.code`, which a script's value may inherit from Object.prototype, or trap (a proxy); not
 * `instanceof Error`, as the error is of the main context's realm.
 */
export function isWatchdogTimeout(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  try {
    return Reflect.getOwnPropertyDescriptor(error, 'code')?.value === TIMEOUT_CODE;
  } catch {
    return false;
  }
}

/**
 * Runs `fn` under V8's watchdog: after `ms` its synchronous execution is terminated (a loop that
 * never ends stops with ERR_SCRIPT_EXECUTION_TIMEOUT). A watchdog thread costs tens of
 * microseconds, so runs use it only when the caller asked for a timeout (SPEC §3.7). It reaches
 * synchronous code only: callbacks that run later are not under it.
 */
export function runWithWatchdog<T>(fn: () => T, ms: number): T {
  // Already past its deadline: a watchdog of a millisecond would stop the script anywhere, Node's
  // own code included (a timer half scheduled leaves Node's timer lists inconsistent).
  if (ms < 1) throw Object.assign(new Error(`Script execution timed out after ${Math.floor(ms)}ms`), { code: TIMEOUT_CODE });
  const global = scriptGlobal as unknown as Record<symbol, unknown>;
  global[ENTRY] = fn;
  try {
    return entryScript.runInThisContext({ timeout: Math.max(1, Math.floor(ms)), displayErrors: false }) as T;
  } finally {
    delete global[ENTRY];
  }
}
