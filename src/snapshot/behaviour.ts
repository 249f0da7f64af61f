import type { RunResult } from '../result.js';
import { stableTextFor } from './stable-text.js';

/**
 * What two runs of one script are compared on — `toBehaveLike` and the CLI's `--compare` — with
 * their texts made comparable (`stableTextFor`: the run's directories as placeholders, the pid
 * in Node's warnings, Node's own stack frames and version line left out): what differs between
 * two processes rather than between two behaviours.
 */
export interface Behaviour {
  exitCode: number;
  stdout: string;
  stderr: string;
  files: Record<string, string | Uint8Array | null>;
}

/** How a difference names the two runs: `here` and `in the other run`, `in-process` and `under node`. */
export interface RunLabels {
  here: string;
  there: string;
}

export function behaviourOf(result: RunResult<unknown>): Behaviour {
  const stable = stableTextFor(result);
  const files: Behaviour['files'] = {};
  for (const [key, content] of Object.entries(result.files)) files[stable(key)] = typeof content === 'string' ? stable(content) : content;
  return { exitCode: result.exitCode, stdout: stable(result.stdout), stderr: stable(result.stderr), files };
}

/** Where two texts part: `line 3 differs: "a" here, "b" in the other run` (1-based), `2 more line(s) here, from line 4`. */
export function textDifference(actual: string, expected: string, labels: RunLabels): string {
  const a = actual.split('\n');
  const b = expected.split('\n');
  const line = a.findIndex((text, index) => text !== b[index]);
  const at = line === -1 ? a.length : line;
  if (at >= b.length) return `${a.length - b.length} more line(s) ${labels.here}, from line ${b.length + 1}`;
  if (at >= a.length) return `${b.length - a.length} more line(s) ${labels.there}, from line ${a.length + 1}`;
  return `line ${at + 1} differs: ${JSON.stringify(a[at])} ${labels.here}, ${JSON.stringify(b[at])} ${labels.there}`;
}

/** `only here: a.txt; other content: b.txt`: the files one run has and the other has not, or has otherwise. */
export function filesDifference(actual: Behaviour['files'], expected: Behaviour['files'], labels: RunLabels): string {
  const only = (from: Behaviour['files'], other: Behaviour['files']) => Object.keys(from).filter((key) => !Object.hasOwn(other, key));
  const here = only(actual, expected);
  const there = only(expected, actual);
  const changed = Object.keys(actual).filter((key) => Object.hasOwn(expected, key) && !sameContent(actual[key]!, expected[key]!));
  return [
    here.length > 0 && `only ${labels.here}: ${here.join(', ')}`,
    there.length > 0 && `only ${labels.there}: ${there.join(', ')}`,
    changed.length > 0 && `other content: ${changed.join(', ')}`,
  ]
    .filter(Boolean)
    .join('; ');
}

/** Whether two runs left the same files, with the same contents. */
export function sameFiles(actual: Behaviour['files'], expected: Behaviour['files']): boolean {
  const keys = Object.keys(actual);
  if (keys.length !== Object.keys(expected).length) return false;
  return keys.every((key) => Object.hasOwn(expected, key) && sameContent(actual[key]!, expected[key]!));
}

function sameContent(a: string | Uint8Array | null, b: string | Uint8Array | null): boolean {
  if (a === null || b === null || typeof a === 'string' || typeof b === 'string') return a === b;
  return Buffer.from(a).equals(Buffer.from(b));
}
