import {
  assertArgument,
  assertRunResult,
  exitCodeText,
  hint,
  type MatcherContext,
  type MatcherResult,
  whyTail,
} from './utils.js';

/**
 * Passes when the run ended with exit code `code` (124 for a timeout, 128 + n for a signal).
 * On failure it shows the traceback, or the last lines of stderr, of a run that failed.
 *
 * @example
 * expect(await runAsMain('bin/cli.js', { argv: ['--nope'] })).toExitWith(1);
 */
export function toExitWith(this: MatcherContext, received: unknown, code: number): MatcherResult {
  assertRunResult(this, 'toExitWith', received);
  assertArgument(this, 'toExitWith', Number.isInteger(code), 'an integer exit code', code);
  const pass = received.exitCode === code;
  return {
    pass,
    actual: received.exitCode,
    expected: code,
    message: () =>
      [
        hint(this, 'toExitWith'),
        '',
        `Expected exit code: ${this.isNot ? 'not ' : ''}${this.utils.EXPECTED_COLOR(String(code))}`,
        `Received exit code: ${this.utils.RECEIVED_COLOR(exitCodeText(received))}`,
        ...whyTail(received, { status: false }),
      ].join('\n'),
  };
}
