import { formatKey } from '../snapshot/describe-value.js';
import {
  assertArgument,
  assertRunResult,
  expectedText,
  hint,
  type MatcherContext,
  type MatcherResult,
  receivedText,
  whyTail,
} from './utils.js';

/**
 * Passes when the script's namespace has every binding of `expected` with an equal value, as
 * `toMatchObject` compares (other bindings are ignored; asymmetric matchers welcome).
 *
 * @example
 * expect(result).toHaveNamespace({ count: 3, name: expect.stringMatching(/^A/) });
 */
export function toHaveNamespace(this: MatcherContext, received: unknown, expected: Record<string, unknown>): MatcherResult {
  assertRunResult(this, 'toHaveNamespace', received);
  assertArgument(
    this,
    'toHaveNamespace',
    typeof expected === 'object' && expected !== null && !Array.isArray(expected),
    'an object of the bindings expected',
    expected,
  );
  const namespace = received.namespace as Record<string, unknown>;
  const pass = this.equals(namespace, expected, [...this.customTesters, this.utils.iterableEquality, this.utils.subsetEquality]);
  // what vitest diffs: the bindings asked about, not the whole namespace
  const actual: Record<string, unknown> = {};
  for (const key of Object.keys(expected)) if (Object.hasOwn(namespace, key)) actual[key] = namespace[key];
  return {
    pass,
    actual,
    expected,
    message: () =>
      [
        hint(this, 'toHaveNamespace'),
        '',
        `Expected the namespace ${this.isNot ? 'not ' : ''}to have: ${expectedText(this, expected)}`,
        'Received:',
        ...Object.keys(expected).map(
          (key) => `  ${formatKey(key)}: ${Object.hasOwn(namespace, key) ? receivedText(this, namespace[key]) : '(not defined)'}`,
        ),
        ...whyTail(received),
      ].join('\n'),
  };
}
