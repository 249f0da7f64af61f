import type { RunResult } from '../result.js';
import { isRunResult } from '../snapshot/is-run-result.js';
import { stableTextFor } from '../snapshot/stable-text.js';
import {
  assertArgument,
  assertRunResult,
  exitCodeText,
  hint,
  type MatcherContext,
  type MatcherResult,
} from './utils.js';

/** What two runs are compared on, their texts made comparable (see `stableTextFor`). */
interface Behaviour {
  exitCode: number;
  stdout: string;
  stderr: string;
  files: Record<string, string | Uint8Array | null>;
}

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
    actual.stdout !== expected.stdout && `stdout: ${textDifference(actual.stdout, expected.stdout)}`,
    actual.stderr !== expected.stderr && `stderr: ${textDifference(actual.stderr, expected.stderr)}`,
    !this.equals(actual.files, expected.files) && `files: ${filesDifference(actual.files, expected.files)}`,
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

function behaviourOf(result: RunResult<unknown>): Behaviour {
  const stable = stableTextFor(result);
  const files: Behaviour['files'] = {};
  for (const [key, content] of Object.entries(result.files)) files[stable(key)] = typeof content === 'string' ? stable(content) : content;
  return { exitCode: result.exitCode, stdout: stable(result.stdout), stderr: stable(result.stderr), files };
}

/** Where two texts part: `line 3 differs` (1-based), `one line more here`, … */
function textDifference(actual: string, expected: string): string {
  const a = actual.split('\n');
  const b = expected.split('\n');
  const line = a.findIndex((text, index) => text !== b[index]);
  const at = line === -1 ? a.length : line;
  if (at >= b.length) return `${a.length - b.length} more line(s) here, from line ${b.length + 1}`;
  if (at >= a.length) return `${b.length - a.length} more line(s) in the other run, from line ${a.length + 1}`;
  return `line ${at + 1} differs: ${JSON.stringify(a[at])} here, ${JSON.stringify(b[at])} in the other run`;
}

function filesDifference(actual: Behaviour['files'], expected: Behaviour['files']): string {
  const only = (from: Behaviour['files'], other: Behaviour['files']) => Object.keys(from).filter((key) => !Object.hasOwn(other, key));
  const here = only(actual, expected);
  const there = only(expected, actual);
  const changed = Object.keys(actual).filter((key) => Object.hasOwn(expected, key) && !sameContent(actual[key]!, expected[key]!));
  return [
    here.length > 0 && `only here: ${here.join(', ')}`,
    there.length > 0 && `only in the other run: ${there.join(', ')}`,
    changed.length > 0 && `other content: ${changed.join(', ')}`,
  ]
    .filter(Boolean)
    .join('; ');
}

function sameContent(a: string | Uint8Array | null, b: string | Uint8Array | null): boolean {
  if (a === null || b === null || typeof a === 'string' || typeof b === 'string') return a === b;
  return Buffer.from(a).equals(Buffer.from(b));
}
