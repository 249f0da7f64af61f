import { bindingMatcher } from './binding.js';
import type { MatcherContext, MatcherResult } from './utils.js';

/**
 * Passes when the script's exports (`module.exports`, or its ES module exports) have `name` and,
 * when `value` is given, it equals `value` (as `toEqual` compares; asymmetric matchers welcome).
 *
 * @example
 * expect(result).toHaveExported('default', expect.any(Function));
 */
export function toHaveExported(this: MatcherContext, received: unknown, ...args: [name: string, value?: unknown]): MatcherResult {
  return bindingMatcher(this, 'toHaveExported', 'exports', received, args);
}
