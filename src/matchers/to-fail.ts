import {
  assertRunResult,
  hint,
  isOk,
  type MatcherContext,
  type MatcherResult,
  outcome,
  textSection,
  whyTail,
} from './utils.js';

/**
 * Passes when the run failed: a non-zero exit code or an uncaught error (a timeout and a signal
 * are failures too). On failure it shows what the run printed.
 *
 * @example
 * expect(await runAsMain('bin/cli.js', { argv: ['--nope'] })).toFail();
 */
export function toFail(this: MatcherContext, received: unknown): MatcherResult {
  assertRunResult(this, 'toFail', received, '');
  const pass = !isOk(received);
  return {
    pass,
    message: () =>
      [
        hint(this, 'toFail', ''),
        '',
        this.isNot
          ? 'Expected the run not to fail: exit code 0 and no uncaught error.'
          : 'Expected the run to fail (a non-zero exit code or an uncaught error), but it succeeded.',
        `Received: ${this.utils.RECEIVED_COLOR(outcome(received))}`,
        ...(pass ? whyTail(received, { status: false }) : ['', ...textSection('stdout:', received.stdout, 10)]),
      ].join('\n'),
  };
}
