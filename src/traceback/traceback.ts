import path from 'node:path';
import { inspect } from 'node:util';
import { NODE_MAJOR } from '../node-version.js';
import { type FrameKind, frameKindOf } from './frame-kind.js';
import { isTransformedFile, originalSource } from './source-maps.js';

const FRAME = /^(\s+at (?:async )?)(?:(.*?) \()?((?:file:\/\/|node:)?[^()\s]*?):(\d+):(\d+)(\)?)(.*)$/;
const FRAME_LINE = /^\s+at /;

/** One stack frame: where it points, mapped back to the source a user wrote. */
interface Frame {
  text: string;
  kind: FrameKind;
  file?: string;
  line?: number;
  column?: number;
}

function parseFrame(text: string): Frame {
  const match = FRAME.exec(text);
  if (!match) return { text, kind: 'other' };
  const [, , , file, line, column] = match;
  // Positions are already the source's: the run's Error.prepareStackTrace maps them.
  return { text, kind: frameKindOf(file!), file, line: Number(line), column: Number(column) };
}

/** The frames of a stack, and the text before them (the message, or V8's SyntaxError header). */
export function parseStack(stack: string): { header: string; frames: Frame[] } {
  const lines = stack.split('\n');
  const first = lines.findIndex((line) => FRAME_LINE.test(line));
  if (first === -1) return { header: stack, frames: [] };
  return { header: lines.slice(0, first).join('\n'), frames: lines.slice(first).map(parseFrame) };
}

/**
 * A stack as the user should see it: positions mapped to the source, without the frames of this
 * library, and nothing below the script's outermost frame (how the run was started: the loader,
 * vitest, the test file). node:internal frames above it stay for now: `util.inspect` needs
 * frames to render an error as Node does; {@link dropInternalFrames} takes them out of the text.
 */
function cleanStackText(stack: string): string {
  const { header, frames } = parseStack(stack);
  const lastUser = frames.findLastIndex((frame) => frame.kind === 'user');
  // With no frame of the script's own, the error came from Node's internals (kept, for inspect)
  // or from how the run called Node (node:vm, node:async_hooks: dropped).
  const kept =
    lastUser === -1
      ? frames.filter((frame) => frame.file?.startsWith('node:internal/'))
      : frames.slice(0, lastUser + 1).filter((frame) => frame.kind !== 'library' && frame.kind !== 'host');
  return [header, ...kept.map((frame) => frame.text)].join('\n');
}

/**
 * Removes node:internal frame lines from rendered text, keeping what followed one on its line
 * (` {`, `,` in a list of errors) on the line before.
 */
function dropInternalFrames(text: string): string {
  const kept: string[] = [];
  for (const line of text.split('\n')) {
    const match = /^\s+at (?:async )?(?:.+ \()?node:internal\/[^)\s]*?:\d+:\d+\)?(.*)$/.exec(line);
    if (!match) kept.push(line);
    else if (match[1] && kept.length > 0) kept[kept.length - 1] += match[1];
  }
  return kept.join('\n');
}

/** Runs `fn` with the stacks of `error`, its causes and aggregated errors cleaned, then restores them. */
function withCleanStacks<T>(error: unknown, fn: () => T): T {
  const restore: (() => void)[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown): void => {
    if (!(value instanceof Error) || seen.has(value)) return;
    seen.add(value);
    // An own data property up to Node 20; an accessor from Node 22 (V8 12) on.
    const descriptor = Object.getOwnPropertyDescriptor(value, 'stack');
    const stack = descriptor && ('value' in descriptor ? descriptor.value : descriptor.get?.call(value));
    if (descriptor?.configurable && typeof stack === 'string') {
      Object.defineProperty(value, 'stack', { value: cleanStackText(stack), configurable: true, writable: true });
      restore.push(() => Object.defineProperty(value, 'stack', descriptor));
    }
    visit((value as Error & { cause?: unknown }).cause);
    if (value instanceof AggregateError) for (const inner of value.errors) visit(inner);
  };
  visit(error);
  try {
    return fn();
  } finally {
    for (const undo of restore.reverse()) undo();
  }
}

/** Node's builtin sources, for the header of an error thrown inside Node. */
function internalSource(file: string): string[] | undefined {
  try {
    const natives = (process as unknown as { binding(name: string): Record<string, string> }).binding('natives');
    return natives[file.replace(/^node:/, '')]?.split('\n');
  } catch {
    return undefined;
  }
}

/** Node's own errors (ERR_*), whose classes carry the kIsNodeError symbol. */
export function isNodeError(error: Error): boolean {
  for (let proto = Object.getPrototypeOf(error); proto !== null && proto !== Error.prototype; proto = Object.getPrototypeOf(proto)) {
    if (Object.getOwnPropertySymbols(proto).some((symbol) => symbol.description === 'kIsNodeError')) return true;
  }
  return false;
}

let validatorThrowSite: { line: number; text: string } | null | undefined;

/**
 * Node's argument validators rethrow their errors from one `throw error;` in hideStackFrames
 * (internal/errors): that is where Node marks such an error thrown through a callback or a
 * CommonJS script's top level.
 */
function hideStackFramesThrowSite(): { line: number; text: string } | null {
  if (validatorThrowSite !== undefined) return validatorThrowSite;
  const lines = internalSource('internal/errors') ?? [];
  const start = lines.findIndex((line) => line.startsWith('function hideStackFrames'));
  const offset = start === -1 ? -1 : lines.slice(start).findIndex((line) => /^\s*throw error;\s*$/.test(line));
  validatorThrowSite = offset === -1 ? null : { line: start + offset + 1, text: lines[start + offset]! };
  return validatorThrowSite;
}

/**
 * Where the failure is reported from. `thrown`: an exception thrown through Node's uncaught path
 * (a CommonJS script's top level, any callback); Node marks the `throw`. `evaluation`: an ES
 * module's evaluation failed; `rejection`: a promise nobody handled. Node marks the error's own
 * position for these two.
 */
export type FailureOrigin = 'thrown' | 'evaluation' | 'rejection';

/** `file:line`, the source line and a caret, as Node prints above an uncaught error. */
function sourceHeader(error: Error, origin: FailureOrigin): string | undefined {
  const { frames } = parseStack(typeof error.stack === 'string' ? error.stack : '');
  const top = frames.find((frame) => frame.kind !== 'library');
  if (!top?.file || !top.line || !top.column) return undefined;
  if (top.kind === 'internal') {
    const site = origin === 'thrown' && isNodeError(error) ? hideStackFramesThrowSite() : null;
    if (site) return `node:internal/errors:${site.line}\n${site.text}\n${' '.repeat(site.text.indexOf('throw'))}^\n`;
    const text = internalSource(top.file)?.[top.line - 1];
    return text === undefined ? undefined : `${top.file}:${top.line}\n${text}\n${' '.repeat(top.column - 1)}^\n`;
  }
  if (top.kind !== 'user') return undefined;
  const text = originalSource(top.file)?.split(/\r?\n/)[top.line - 1];
  if (text === undefined) return undefined;
  let column = top.column - 1;
  // The stack knows where the error was created; Node marks where it was thrown. On a
  // `throw new Error(…)` line that is the `throw` (except in source-mapped files, where Node's
  // source-map support marks the mapped frame).
  if (origin === 'thrown' && !isTransformedFile(top.file)) {
    const before = /\bthrow\s+(?:new\s+)?$/.exec(text.slice(0, column));
    if (before) column = before.index;
  }
  // Node 20's source-map rendering of the header leaves one more blank line.
  const blank = isTransformedFile(top.file) && NODE_MAJOR < 22 ? '\n' : '';
  return `${top.file}:${top.line}\n${text}\n${' '.repeat(column)}^\n${blank}`;
}

/** A V8 SyntaxError from compiling a script already carries Node's `file:line`, source and caret. */
function isDecoratedSyntaxError(error: Error): boolean {
  return typeof error.stack === 'string' && !error.stack.startsWith(error.name) && /\n *\^+ *\n/.test(error.stack);
}

/**
 * The report Node prints on stderr for an uncaught error (without the `Node.js vX` trailer):
 * source line and caret, then the error as `util.inspect` shows it, with clean stacks.
 */
export function formatUncaught(error: unknown, origin: FailureOrigin = 'thrown'): string {
  if (!(error instanceof Error)) {
    if (error !== null && typeof error === 'object') return `\n${inspect(error)}\n`;
    return `\n${String(error)}\n(Use \`node --trace-uncaught ...\` to show where the exception was thrown)\n`;
  }
  const header = isDecoratedSyntaxError(error) ? undefined : sourceHeader(error, origin);
  const body = withCleanStacks(error, () => (isDecoratedSyntaxError(error) ? String(error.stack) : inspect(error)));
  return `${header ? `${header}\n` : ''}${dropInternalFrames(body)}\n`;
}

/** The trailer Node prints after an uncaught error's report. */
export const NODE_VERSION_TRAILER = `\nNode.js ${process.version}\n`;

/** Absolute paths and file: URLs under `cwd` made relative, for a stable traceback. */
export function relativizePaths(text: string, cwd: string): string {
  const base = cwd.endsWith(path.sep) ? cwd : cwd + path.sep;
  return text.split(`file://${base}`).join('').split(base).join('');
}

/**
 * SPEC §4: the uncaught report with user frames only and paths relative to the run's cwd. A
 * SyntaxError's `file:line` header also names the column (where Node only draws the caret).
 */
export function formatTraceback(error: unknown, cwd: string, origin: FailureOrigin = 'thrown'): string {
  let text = relativizePaths(formatUncaught(error, origin), cwd).replace(/^\n+/, '');
  if (error instanceof SyntaxError) {
    text = text.replace(/^([^\n]*:\d+)\n([^\n]*)\n( *)\^/, (_, location, line, indent) => `${location}:${indent.length + 1}\n${line}\n${indent}^`);
  }
  return text;
}

/** Whether a line of a creation stack points into the run's own code. */
export function isUserFrameLine(line: string): boolean {
  return FRAME_LINE.test(line) && parseFrame(line).kind === 'user';
}
