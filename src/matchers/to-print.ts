import { outputMatcher } from './output.js';
import type { MatcherContext, MatcherResult } from './utils.js';

/**
 * Passes when the run's stdout contains `expected` (a string), or matches it (a RegExp). For the
 * whole output, compare `result.stdout` with `toBe`, or snapshot it.
 *
 * @example
 * expect(result).toPrint('Hello, Ada!');
 * expect(result).toPrint(/^Usage: greet/m);
 */
export function toPrint(this: MatcherContext, received: unknown, expected: string | RegExp): MatcherResult {
  return outputMatcher(this, 'toPrint', 'stdout', received, expected);
}
