import type { RunResult } from '../result.js';
import { describeValue, inlineNode } from '../snapshot/describe-value.js';
import { textBlock } from '../snapshot/layout.js';
import { exitCodeText } from '../snapshot/render-run-result.js';
import { type Palette, paletteFor } from './colour.js';
import { filesTable, namespaceTable } from './report-tables.js';

export interface ReportOptions {
  /** What ran, as a command line: `word-count.cjs --top 2`. */
  command: string;
  /** Colours, or none (`paletteFor(false)`, the default). */
  palette?: Palette;
  /** Columns a line may take: the terminal's width, 100 when piped (the default). */
  width?: number;
}

const INDENT = '  ';

/**
 * A RunResult as a report a person reads at a glance (the CLI's, and `npm start`'s): what ran
 * and how it ended (ok, failed or timed out, the exit code, the time), stdout and stderr, the
 * traceback when it failed, the namespace as a table (name, type, short value), the exports
 * when the script has any, the files written (path, size, first line), then what was still
 * pending at a timeout, the globals it left and the mocks nothing imported, when there are any.
 * Values are shown as the snapshot serializer shows them (describe-value), cut to the width.
 */
export function formatReport(result: RunResult<unknown>, options: ReportOptions): string {
  const palette = options.palette ?? paletteFor(false);
  const width = options.width ?? 100;
  const lines = [palette.bold(options.command), `${status(result, palette)} ${palette.dim(`in ${formatDuration(result.durationMs)}`)}`];
  const section = (title: string, body: string[], empty: string): void => {
    lines.push(body.length === 0 ? `${palette.bold(title)}: ${palette.dim(empty)}` : palette.bold(title), ...body);
  };
  const text = (value: string) => (value === '' ? [] : textBlock(value, INDENT));
  lines.push('');
  section('stdout', text(result.stdout), '(empty)');
  section('stderr', text(result.stderr), '(empty)');
  if (result.traceback !== '') section('traceback', text(result.traceback).map((line) => palette.red(line)), '');
  const names = Object.keys(result.namespace);
  section('namespace', names.length === 0 ? [] : namespaceTable(result.namespace, palette, width, INDENT), '(empty)');
  const exports = exportsLine(result.exports);
  if (exports !== undefined) lines.push(`${palette.bold('exports')}: ${cut(exports, width - 'exports: '.length)}`);
  const files = Object.keys(result.files);
  section('files written', files.length === 0 ? [] : filesTable(result.files, palette, width, INDENT), '(none)');
  if (result.pending.length > 0) {
    section('still pending at the timeout', result.pending.map((item) => `${INDENT}${item.kind} at ${item.createdAt}`), '');
  }
  if (result.leakedGlobals.length > 0) lines.push(`${palette.bold('globals left (removed)')}: ${result.leakedGlobals.join(', ')}`);
  const unusedMocks = result.unusedMocks ?? [];
  if (unusedMocks.length > 0) lines.push(`${palette.bold('mocks nothing imported')}: ${unusedMocks.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** `ok, exit code 0`, `failed, exit code 1`, `timed out, exit code 124`, `failed, exit code 143 (signal SIGTERM)`. */
function status(result: RunResult<unknown>, palette: Palette): string {
  const code = `exit code ${exitCodeText({ ...result, timedOut: false })}`;
  if (result.timedOut) return `${palette.yellow('timed out')}, ${code}`;
  return result.ok ? `${palette.green('ok')}, ${code}` : `${palette.red('failed')}, ${code}`;
}

/** `0.42 ms`, `12.3 ms`, `4001 ms`. */
export function formatDuration(ms: number): string {
  return `${ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0)} ms`;
}

/** The exports on one line, or undefined when there are none (`{}`, or an ES module's namespace with no export). */
function exportsLine(exports: unknown): string | undefined {
  const node = describeValue(exports);
  if (node.kind === 'record' && node.open === '{' && node.entries.length === 0) return undefined;
  return inlineNode(node);
}

function cut(text: string, room: number): string {
  return text.length <= room ? text : `${text.slice(0, Math.max(1, room - 1))}…`;
}
