import type { RunResult } from '../result.js';
import { describeValue, layoutNode, type ValueNode } from './describe-value.js';
import { fileTree, textBlock } from './layout.js';
import { type StableText, stableTextFor } from './stable-text.js';

/** The parts of a RunResult a snapshot can show, in the order it shows them. */
export const SNAPSHOT_FIELDS = [
  'exitCode',
  'stdout',
  'stderr',
  'output',
  'traceback',
  'namespace',
  'exports',
  'files',
  'pending',
  'leakedGlobals',
  'unusedMocks',
] as const;

export type SnapshotField = (typeof SNAPSHOT_FIELDS)[number];

/** What a whole RunResult shows: `output` repeats stdout and stderr, so it is shown only when picked. */
const DEFAULT_FIELDS: readonly SnapshotField[] = SNAPSHOT_FIELDS.filter((field) => field !== 'output');
/** Shown even when empty in the whole view: what a reader expects to see stated. */
const ALWAYS_SHOWN: ReadonlySet<SnapshotField> = new Set(['exitCode', 'stdout', 'stderr']);

const WIDTH = 100;
const INDENT = '  ';

/**
 * A RunResult as a snapshot shows it: a header, then one part per line or block. With `fields`
 * (from `pickResult`), those parts only, each shown even when empty; without, every part but
 * `output`, the empty ones other than exit code, stdout and stderr left out. Timings, `fs` and
 * `error` (its report is the traceback) are never shown.
 */
export function renderRunResult(result: RunResult<unknown>, fields?: readonly SnapshotField[]): string {
  const stable = stableTextFor(result);
  const shown = fields ?? DEFAULT_FIELDS;
  const lines = [fields ? `RunResult (${fields.join(', ')}) {` : 'RunResult {'];
  for (const field of SNAPSHOT_FIELDS) {
    if (!shown.includes(field)) continue;
    const part = renderField(result, field, stable);
    if (part.empty && !fields && !ALWAYS_SHOWN.has(field)) continue;
    lines.push(...part.lines);
  }
  // closed, so that what follows the value (a comma in an array) is not read as script output
  lines.push('}');
  return lines.join('\n');
}

interface Part {
  lines: string[];
  empty: boolean;
}

function renderField(result: RunResult<unknown>, field: SnapshotField, stable: StableText): Part {
  switch (field) {
    case 'exitCode':
      return { lines: [`${INDENT}exit code: ${exitCodeText(result)}`], empty: false };
    case 'stdout':
    case 'stderr':
    case 'output':
    case 'traceback':
      return textPart(field, stable(String(result[field] ?? '')));
    case 'namespace':
    case 'exports':
      return valuePart(field, result[field], stable);
    case 'files': {
      const files = result.files ?? {};
      if (Object.keys(files).length === 0) return { lines: [`${INDENT}files: (none)`], empty: true };
      return { lines: [`${INDENT}files:`, ...fileTree(files, INDENT.repeat(2), stable)], empty: false };
    }
    case 'pending': {
      const pending = result.pending ?? [];
      if (pending.length === 0) return { lines: [`${INDENT}pending: (none)`], empty: true };
      return {
        lines: [`${INDENT}pending:`, ...pending.map((item) => `${INDENT.repeat(2)}${item.kind} at ${stable(item.createdAt)}`)],
        empty: false,
      };
    }
    case 'leakedGlobals': {
      const names = result.leakedGlobals ?? [];
      return { lines: [`${INDENT}leaked globals: ${names.length === 0 ? '(none)' : names.join(', ')}`], empty: names.length === 0 };
    }
    case 'unusedMocks': {
      const keys = result.unusedMocks ?? [];
      return { lines: [`${INDENT}unused mocks: ${keys.length === 0 ? '(none)' : keys.join(', ')}`], empty: keys.length === 0 };
    }
  }
}

/** `0`, `124 (timed out)`, `143 (signal SIGTERM)`. */
export function exitCodeText(result: Pick<RunResult<unknown>, 'exitCode' | 'signal' | 'timedOut'>): string {
  if (result.timedOut) return `${result.exitCode} (timed out)`;
  if (result.signal) return `${result.exitCode} (signal ${result.signal})`;
  return String(result.exitCode);
}

function textPart(label: string, text: string): Part {
  if (text === '') return { lines: [`${INDENT}${label}: (empty)`], empty: true };
  return { lines: [`${INDENT}${label}:`, ...textBlock(text, INDENT.repeat(2))], empty: false };
}

/** The namespace or exports: one binding per line; exports that are not an object on the label's line. */
function valuePart(label: string, value: unknown, stable: StableText): Part {
  const node = describeValue(value, { text: stable });
  if (node.kind !== 'record' || node.open !== '{') {
    return { lines: [`${INDENT}${label}: ${layoutNode(node, WIDTH, INDENT, INDENT.length + label.length + 2)}`], empty: false };
  }
  if (node.entries.length === 0) return { lines: [`${INDENT}${label}: {}`], empty: true };
  return { lines: [`${INDENT}${label}:`, ...bindingLines(node, INDENT.repeat(2))], empty: false };
}

/** `name: value` lines of a record, each value laid out from the column it starts at. */
export function bindingLines(node: Extract<ValueNode, { kind: 'record' }>, indent: string): string[] {
  return node.entries.map((entry) => {
    const head = `${entry.key}: `;
    return `${indent}${head}${layoutNode(entry.value, WIDTH, indent, indent.length + head.length)}`;
  });
}
