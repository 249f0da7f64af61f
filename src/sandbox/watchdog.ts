import vm from 'node:vm';

const ENTRY = Symbol.for('run-as-main.watchdog-entry');
/** Calls the function parked under ENTRY; compiled once. */
const entryScript = new vm.Script('globalThis[Symbol.for("run-as-main.watchdog-entry")]()', {
  filename: 'run-as-main:watchdog',
});

/** The error Node throws when a watchdog stops a script. */
export function isWatchdogTimeout(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}

/**
 * Runs `fn` under V8's watchdog: after `ms` its synchronous execution is terminated (a loop that
 * never ends stops with ERR_SCRIPT_EXECUTION_TIMEOUT). A watchdog thread costs tens of
 * microseconds, so runs use it only when the caller asked for a timeout (SPEC §3.7). It reaches
 * synchronous code only: callbacks that run later are not under it.
 */
export function runWithWatchdog<T>(fn: () => T, ms: number): T {
  const global = globalThis as unknown as Record<symbol, unknown>;
  global[ENTRY] = fn;
  try {
    return entryScript.runInThisContext({ timeout: Math.max(1, Math.floor(ms)), displayErrors: false }) as T;
  } finally {
    delete global[ENTRY];
  }
}
