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
 * Passes when the run succeeded: exit code 0 and no uncaught error. On failure it shows why the
 * run failed: the traceback, the last lines of stderr, or what was pending at a timeout.
 *
 * @example
 * expect(await runAsMain('bin/cli.js', { argv: ['--help'] })).toSucceed();
 */
export function toSucceed(this: MatcherContext, received: unknown): MatcherResult {
  assertRunResult(this, 'toSucceed', received, '');
  const pass = isOk(received);
  return {
    pass,
    message: () =>
      [
        hint(this, 'toSucceed', ''),
        '',
        this.isNot
          ? 'Expected the run not to succeed, but it ended with exit code 0 and no uncaught error.'
          : 'Expected the run to succeed: exit code 0 and no uncaught error.',
        `Received: ${this.utils.RECEIVED_COLOR(outcome(received))}`,
        ...(pass ? ['', ...textSection('stdout:', received.stdout, 10)] : whyTail(received, { status: false })),
      ].join('\n'),
  };
}
