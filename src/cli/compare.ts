import type { RunResult } from '../result.js';
import {
  type Behaviour,
  behaviourOf,
  filesDifference,
  type RunLabels,
  sameFiles,
  textDifference,
} from '../snapshot/behaviour.js';
import { escapeControls } from '../snapshot/layout.js';
import { exitCodeText } from '../snapshot/render-run-result.js';
import type { Palette } from './colour.js';
import { jsonValue, resultToJson } from './json.js';

const LABELS: RunLabels = { here: 'in-process', there: 'under node' };
const INDENT = '  ';
/** Lines of a line-by-line difference shown before the rest is summed up. */
const MAX_DIFF_LINES = 40;

export type ComparedField = 'exit code' | 'stdout' | 'stderr' | 'files';

/** One field of the two runs: the same, or how they differ. */
export interface FieldComparison {
  field: ComparedField;
  same: boolean;
  /** `same: 0`, `line 2 differs: "a" in-process, "b" under node`. */
  summary: string;
}

/**
 * The in-process run and node's run of one script, field by field — exit code, stdout, stderr,
 * files — compared as `toBehaveLike` compares them (behaviour.ts: the run's directories as
 * placeholders, Node's own frames, version line and pid left out).
 */
export function compareRuns(inProcess: RunResult<unknown>, node: RunResult<unknown>): FieldComparison[] {
  const here = behaviourOf(inProcess);
  const there = behaviourOf(node);
  const text = (field: 'stdout' | 'stderr'): FieldComparison =>
    here[field] === there[field]
      ? { field, same: true, summary: here[field] === '' ? 'same: (empty)' : `same: ${lineCount(here[field])}` }
      : { field, same: false, summary: textDifference(here[field], there[field], LABELS) };
  const files = Object.keys(here.files).length;
  return [
    here.exitCode === there.exitCode
      ? { field: 'exit code', same: true, summary: `same: ${exitCodeText(inProcess)}` }
      : { field: 'exit code', same: false, summary: `${exitCodeText(inProcess)} ${LABELS.here}, ${exitCodeText(node)} ${LABELS.there}` },
    text('stdout'),
    text('stderr'),
    sameFiles(here.files, there.files)
      ? { field: 'files', same: true, summary: files === 0 ? 'same: (none)' : `same: ${files} file${files === 1 ? '' : 's'}` }
      : { field: 'files', same: false, summary: filesDifference(here.files, there.files, LABELS) },
  ];
}

function lineCount(text: string): string {
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  return `${lines} line${lines === 1 ? '' : 's'}`;
}

/** The comparison as the CLI prints it below the in-process report: a line per field, then each differing text line by line. */
export function formatComparison(inProcess: RunResult<unknown>, node: RunResult<unknown>, palette: Palette): string {
  const fields = compareRuns(inProcess, node);
  const alike = fields.every((field) => field.same);
  const lines = [
    palette.bold('compared with node'),
    ...fields.map(
      ({ field, same, summary }) => `${INDENT}${field.padEnd(9)}  ${same ? palette.green(summary) : palette.red(summary)}`,
    ),
  ];
  const here = behaviourOf(inProcess);
  const there = behaviourOf(node);
  for (const field of ['stdout', 'stderr'] as const) {
    if (here[field] === there[field]) continue;
    lines.push('', `${palette.bold(field)} ${palette.dim(`(${palette.red('- under node')}, ${palette.green('+ in-process')})`)}`);
    lines.push(...lineDiff(there[field], here[field], palette));
  }
  lines.push(
    '',
    alike
      ? palette.green('in-process and node behave alike')
      : palette.red(`in-process and node differ in ${fields.filter((field) => !field.same).map((field) => field.field).join(', ')}`),
  );
  return `${lines.join('\n')}\n`;
}

/** `--json --compare`: whether they are alike, the fields that differ with both values, and both results. */
export function comparisonToJson(inProcess: RunResult<unknown>, node: RunResult<unknown>): Record<string, unknown> {
  const fields = compareRuns(inProcess, node);
  const here = behaviourOf(inProcess);
  const there = behaviourOf(node);
  const fieldOf = (behaviour: Behaviour, field: ComparedField): unknown =>
    field === 'exit code' ? behaviour.exitCode : field === 'files' ? jsonValue(behaviour.files) : behaviour[field];
  return {
    same: fields.every((field) => field.same),
    differences: fields
      .filter((field) => !field.same)
      .map(({ field, summary }) => ({ field, summary, inProcess: fieldOf(here, field), node: fieldOf(there, field) })),
    inProcess: resultToJson(inProcess),
    node: resultToJson(node),
  };
}

/** A line-by-line difference from `before` to `after` (a longest common subsequence), `-`/`+` marked, unchanged lines kept. */
function lineDiff(before: string, after: string, palette: Palette): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  // A trailing newline is the end of the last line, not an empty line of its own
  if (a.at(-1) === '' && b.at(-1) === '') {
    a.pop();
    b.pop();
  }
  const steps = a.length * b.length <= 1_000_000 ? commonSubsequenceSteps(a, b) : undefined;
  const out: string[] = [];
  const show = (mark: string, line: string, paint: (text: string) => string) => out.push(paint(`${INDENT}${mark} ${escapeControls(line)}`));
  if (steps === undefined) {
    for (const line of a) show('-', line, palette.red);
    for (const line of b) show('+', line, palette.green);
  } else {
    for (const [kind, line] of steps) {
      if (kind === '=') show(' ', line, palette.dim);
      else show(kind, line, kind === '-' ? palette.red : palette.green);
    }
  }
  if (out.length <= MAX_DIFF_LINES) return out;
  return [...out.slice(0, MAX_DIFF_LINES), palette.dim(`${INDENT}… ${out.length - MAX_DIFF_LINES} more line(s)`)];
}

function commonSubsequenceSteps(a: string[], b: string[]): ['=' | '-' | '+', string][] {
  // lengths[i][j]: the longest common subsequence of a[i..] and b[j..]
  const lengths = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i]![j] = a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const steps: ['=' | '-' | '+', string][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      steps.push(['=', a[i]!]);
      i++;
      j++;
    } else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) {
      steps.push(['-', a[i++]!]);
    } else {
      steps.push(['+', b[j++]!]);
    }
  }
  while (i < a.length) steps.push(['-', a[i++]!]);
  while (j < b.length) steps.push(['+', b[j++]!]);
  return steps;
}
