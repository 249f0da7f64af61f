import { outputMatcher } from './output.js';
import type { MatcherContext, MatcherResult } from './utils.js';

/**
 * Passes when the run's stderr contains `expected` (a string), or matches it (a RegExp).
 *
 * @example
 * expect(result).toPrintError("error: unknown option '--nope'");
 */
export function toPrintError(this: MatcherContext, received: unknown, expected: string | RegExp): MatcherResult {
  return outputMatcher(this, 'toPrintError', 'stderr', received, expected);
}
