import type { RunResult } from '../result.js';
import { constructorName } from './describe-value.js';

/**
 * Whether `value` has a RunResult's shape: what `runAsMain`, `runSource`, `safeRunPath`,
 * `safeRunModule` and `runInNode` resolve to (or a copy of one, e.g. `{ ...result }`).
 */
export function isRunResult(value: unknown): value is RunResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof RunResult, unknown>>;
  return (
    typeof candidate.exitCode === 'number' &&
    typeof candidate.stdout === 'string' &&
    typeof candidate.stderr === 'string' &&
    typeof candidate.traceback === 'string' &&
    typeof candidate.files === 'object' &&
    candidate.files !== null &&
    'namespace' in candidate
  );
}

/** What a value is, for a message that says what came instead of a RunResult. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'function') return 'a function';
  if (typeof value !== 'object') return typeof value;
  if (typeof (value as { then?: unknown }).then === 'function') return 'a Promise';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  const name = constructorName(value);
  if (name !== 'Object') return `an instance of ${name}`;
  const keys = Object.keys(value);
  return keys.length === 0 ? 'an object with no keys' : `an object with keys ${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', …' : ''}`;
}
