import type { RunResult } from '../result.js';
import { formatKey } from '../snapshot/describe-value.js';
import {
  assertArgument,
  assertRunResult,
  expectedText,
  hint,
  type MatcherContext,
  type MatcherResult,
  receivedText,
  shortValue,
  whyTail,
} from './utils.js';

/** Names listed in a message before the rest are counted. */
const LISTED_NAMES = 20;

const KINDS = {
  namespace: { field: 'namespace', verb: 'define', does: 'defines' },
  exports: { field: 'exports', verb: 'export', does: 'exports' },
} as const;

/**
 * `toDefine` and `toHaveExported`: a binding is there (an own property of the namespace, or of the
 * exports), and, when a value is given, equal to it (asymmetric matchers welcome).
 */
export function bindingMatcher(
  context: MatcherContext,
  name: 'toDefine' | 'toHaveExported',
  kind: keyof typeof KINDS,
  received: unknown,
  args: unknown[],
): MatcherResult {
  assertRunResult(context, name, received, 'name');
  const [binding, value] = args;
  assertArgument(context, name, typeof binding === 'string', 'the name of a binding as a string', binding, 'name');
  const { field, verb, does } = KINDS[kind];
  const withValue = args.length > 1;
  const container = received[field] as unknown;
  const has = hasOwn(container, binding as string);
  const actual = has ? (container as Record<string, unknown>)[binding as string] : undefined;
  const equal = has && withValue && context.equals(actual, value, [...context.customTesters]);
  const pass = has && (!withValue || equal);
  const label = formatKey(binding as string);
  const expectedLine = () => (withValue ? ` with the value ${expectedText(context, value)}` : '');
  return {
    pass,
    ...(withValue && has ? { actual, expected: value } : {}),
    message: () => {
      const lines = [hint(context, name, 'name', withValue ? 'value' : undefined), ''];
      if (context.isNot) {
        lines.push(`Expected the script not to ${verb} ${label}${expectedLine()}`, `It does: ${label} = ${shortValue(actual)}`);
      } else if (!has) {
        lines.push(`Expected the script to ${verb} ${label}${expectedLine()}`, `It ${does} ${namesOf(container)}`);
      } else {
        lines.push(
          `Expected ${label} to equal: ${expectedText(context, value)}`,
          `Received ${label}: ${receivedText(context, actual)}`,
        );
      }
      return [...lines, ...whyTail(received as RunResult<unknown>)].join('\n');
    },
  };
}

function hasOwn(container: unknown, key: string): boolean {
  return (typeof container === 'object' || typeof container === 'function') && container !== null && Object.hasOwn(container, key);
}

/** `only: a, b, c`, `nothing`, or what the exports are when they are not an object. */
function namesOf(container: unknown): string {
  if (typeof container !== 'object' || container === null) return `nothing: its exports are ${shortValue(container)}`;
  const names = Object.keys(container);
  if (names.length === 0) return 'nothing';
  const listed = names.slice(0, LISTED_NAMES).map(formatKey).join(', ');
  return `only: ${listed}${names.length > LISTED_NAMES ? `, and ${names.length - LISTED_NAMES} more` : ''}`;
}
