import { bindingMatcher } from './binding.js';
import type { MatcherContext, MatcherResult } from './utils.js';

/**
 * Passes when the script's namespace has the top-level binding `name` (var, let, const,
 * function, class, import, or an initGlobal) and, when `value` is given, it equals `value`
 * (as `toEqual` compares; asymmetric matchers welcome).
 *
 * @example
 * expect(result).toDefine('options', { name: 'Ada' });
 * expect(result).toDefine('program', expect.any(Object));
 */
export function toDefine(this: MatcherContext, received: unknown, ...args: [name: string, value?: unknown]): MatcherResult {
  return bindingMatcher(this, 'toDefine', 'namespace', received, args);
}
