import { types } from 'node:util';
import type { RunResult } from '../result.js';
import { safeName } from '../snapshot/describe-value.js';
import {
  assertArgument,
  assertRunResult,
  expectedText,
  failureLine,
  hint,
  type MatcherContext,
  type MatcherResult,
  receivedText,
  shortValue,
  whyTail,
} from './utils.js';

/** An error class, as `toThrowInScript` takes it. */
export type ErrorClass = abstract new (...args: any[]) => unknown;

/**
 * Passes when the script ended with an uncaught error (or an unhandled rejection) that is an
 * instance of `expected` (a class), whose message contains `expected` (a string) or matches it
 * (a RegExp); with no argument, any uncaught error. A class is also matched by name up the
 * error's prototype chain: a module the run loaded fresh has its own copy of its classes, and a
 * vmThreads test file its own `TypeError`. Reads `result.error`, which `runInNode` never sets.
 *
 * @example
 * expect(result).toThrowInScript(TypeError);
 * expect(result).toThrowInScript(/missing config/);
 */
export function toThrowInScript(this: MatcherContext, received: unknown, expected?: ErrorClass | string | RegExp): MatcherResult {
  assertRunResult(this, 'toThrowInScript', received);
  const kind = expected === undefined ? 'any' : typeof expected === 'function' ? 'class' : typeof expected === 'string' ? 'text' : types.isRegExp(expected) ? 'pattern' : undefined;
  assertArgument(this, 'toThrowInScript', kind !== undefined, 'an error class, a string or a RegExp (or nothing)', expected);
  const threw = received.error !== undefined || received.traceback !== '';
  const pass = threw && matches(received.error, kind!, expected);
  return {
    pass,
    message: () =>
      [
        hint(this, 'toThrowInScript', expected === undefined ? '' : 'expected'),
        '',
        `Expected the script ${this.isNot ? 'not ' : ''}to throw ${describeExpected(this, kind!, expected)}`,
        threw ? `Received: ${receivedText(this, received.error)}` : `Received: nothing thrown. ${endedWith(received)}`,
        ...whyTail(received, { status: false }),
      ].join('\n'),
  };
}

function matches(error: unknown, kind: string, expected: unknown): boolean {
  switch (kind) {
    case 'class':
      return isInstance(error, expected as ErrorClass);
    case 'text':
      return messageOf(error).includes(expected as string);
    case 'pattern':
      return new RegExp(expected as RegExp).test(messageOf(error));
    default:
      return true;
  }
}

function isInstance(error: unknown, expected: ErrorClass): boolean {
  try {
    if (error instanceof (expected as unknown as new () => unknown)) return true;
  } catch {
    // a class whose Symbol.hasInstance throws: compared by name below
  }
  const name = Reflect.getOwnPropertyDescriptor(expected, 'name')?.value;
  if (typeof name !== 'string' || name === '' || typeof error !== 'object' || error === null) return false;
  for (let proto = Reflect.getPrototypeOf(error); proto !== null; proto = Reflect.getPrototypeOf(proto)) {
    const ctor = Reflect.getOwnPropertyDescriptor(proto, 'constructor')?.value;
    if (typeof ctor === 'function' && Reflect.getOwnPropertyDescriptor(ctor, 'name')?.value === name) return true;
  }
  return false;
}

/** The message of what was thrown; the value itself as text when it is not an error. */
function messageOf(error: unknown): string {
  try {
    const message = (error as { message?: unknown } | null)?.message;
    return typeof message === 'string' ? message : String(error);
  } catch {
    return '';
  }
}

function describeExpected(context: MatcherContext, kind: string, expected: unknown): string {
  switch (kind) {
    case 'class':
      return `an instance of ${context.utils.EXPECTED_COLOR(safeName(expected as Function) || shortValue(expected))}`;
    case 'text':
      return `an error whose message contains ${expectedText(context, expected)}`;
    case 'pattern':
      return `an error whose message matches ${expectedText(context, expected)}`;
    default:
      return 'an uncaught error';
  }
}

function endedWith(result: RunResult<unknown>): string {
  return result.exitCode === 0 && !result.timedOut ? 'The run succeeded (exit code 0).' : failureLine(result);
}
