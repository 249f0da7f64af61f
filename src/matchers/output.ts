import { types } from 'node:util';
import {
  assertArgument,
  assertRunResult,
  expectedText,
  hint,
  type MatcherContext,
  type MatcherResult,
  textSection,
  whyTail,
} from './utils.js';

/**
 * `toPrint` and `toPrintError`: the stream contains the text, or matches the RegExp. The
 * message shows what was printed; vitest draws no diff, since a part of the output is expected,
 * not all of it.
 */
export function outputMatcher(
  context: MatcherContext,
  name: 'toPrint' | 'toPrintError',
  stream: 'stdout' | 'stderr',
  received: unknown,
  expected: string | RegExp,
): MatcherResult {
  assertRunResult(context, name, received);
  const isText = typeof expected === 'string';
  assertArgument(context, name, isText || types.isRegExp(expected), 'the text expected as a string, or a RegExp', expected);
  const text = received[stream];
  // a copy: a global RegExp's lastIndex must not carry over between calls
  const pass = isText ? text.includes(expected) : new RegExp(expected).test(text);
  return {
    pass,
    message: () =>
      [
        hint(context, name),
        '',
        `Expected ${stream} ${context.isNot ? 'not ' : ''}to ${isText ? 'contain' : 'match'}: ${expectedText(context, expected)}`,
        ...textSection(`Received ${stream}:`, text),
        // stderr is shown already: of the reason, only how the run ended
        ...whyTail(received, stream === 'stderr' ? { stderr: false, traceback: false } : {}),
      ].join('\n'),
  };
}
