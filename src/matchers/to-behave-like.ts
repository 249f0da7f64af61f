import type { RunResult } from '../result.js';
import { isRunResult } from '../snapshot/is-run-result.js';
import { behaviourOf, filesDifference, type RunLabels, textDifference } from '../snapshot/behaviour.js';
import {
  assertArgument,
  assertRunResult,
  exitCodeText,
  hint,
  type MatcherContext,
  type MatcherResult,
} from './utils.js';

const LABELS: RunLabels = { here: 'here', there: 'in the other run' };

/**
 * Passes when the run behaved as `other` did — typically the same script under real node, from
 * `runInNode`: the same exit code, stdout, stderr and files, with the run's directories written
 * as placeholders, the pid in Node's warnings, Node's own stack frames and its version line left
 * out (what differs between two processes, not between two behaviours). Vitest draws the
 * difference field by field; the message names the fields that differ.
 *
 * @example
 * const options = { argv: ['greet', 'Ada'] };
 * expect(await runAsMain('cli.js', options)).toBehaveLike(await runInNode('cli.js', options));
 */
export function toBehaveLike(this: MatcherContext, received: unknown, other: RunResult<any>): MatcherResult {
  assertRunResult(this, 'toBehaveLike', received, 'other');
  assertArgument(this, 'toBehaveLike', isRunResult(other), 'another RunResult to compare with (from runInNode, say)', other, 'other');
  const actual = behaviourOf(received);
  const expected = behaviourOf(other);
  const differences = [
    actual.exitCode !== expected.exitCode &&
      `exit code: ${this.utils.RECEIVED_COLOR(exitCodeText(received))} here, ${this.utils.EXPECTED_COLOR(exitCodeText(other))} in the other run`,
    actual.stdout !== expected.stdout && `stdout: ${textDifference(actual.stdout, expected.stdout, LABELS)}`,
    actual.stderr !== expected.stderr && `stderr: ${textDifference(actual.stderr, expected.stderr, LABELS)}`,
    !this.equals(actual.files, expected.files) && `files: ${filesDifference(actual.files, expected.files, LABELS)}`,
  ].filter((line): line is string => typeof line === 'string');
  const pass = differences.length === 0;
  return {
    pass,
    actual,
    expected,
    message: () =>
      [
        hint(this, 'toBehaveLike', 'other'),
        '',
        this.isNot
          ? 'Expected the run to differ from the other run in exit code, stdout, stderr or files, but they are the same.'
          : 'Expected the run to behave like the other run: the same exit code, stdout, stderr and files.',
        ...(pass ? [] : ['', 'They differ in', ...differences.map((line) => `  ${line}`)]),
      ].join('\n'),
  };
}
