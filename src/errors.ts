import type { RunResult } from './result.js';

/**
 * Thrown by `runPath`/`runModule` when the script called `process.exit` (any code, 0 included,
 * as Python's `sys.exit(0)` raises), ended with a non-zero `exitCode`, or timed out.
 */
export class SystemExit extends Error {
  override name = 'SystemExit';
  readonly code: number;
  readonly result: RunResult;

  constructor(result: RunResult) {
    super(
      result.timedOut
        ? `script timed out (exit code ${result.exitCode})`
        : `script exited with code ${result.exitCode}`,
    );
    this.code = result.exitCode;
    this.result = result;
  }
}

/** Misuse of the API: a missing target, an option of the wrong type (SPEC §8). */
export class RunAsMainUsageError extends TypeError {
  override name = 'RunAsMainUsageError';
}

/**
 * The control-flow signal that unwinds a script's stack after `process.exit()`. Internal: it
 * never reaches users as an error or a cause.
 */
export class ExitSignal {
  readonly #brand = true;

  constructor(readonly code: number) {}

  /**
   * Whether `value` is one, by its private brand: `instanceof` asks a proxy's getPrototypeOf trap,
   * and a script may throw a revoked proxy.
   */
  static is(value: unknown): value is ExitSignal {
    return typeof value === 'object' && value !== null && #brand in value;
  }
}
