import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { isCompiledFile, originalPosition, originalSource } from './loader/source-maps.js';

/** Directory of this library's own code (src/ under tests, dist/ once built): never user frames. */
const LIBRARY_DIR = path.dirname(fileURLToPath(import.meta.url)).replace(/[\\/](?:src|dist)(?:[\\/].*)?$/, '');
const LIBRARY_CODE = [path.join(LIBRARY_DIR, 'src') + path.sep, path.join(LIBRARY_DIR, 'dist') + path.sep];

const FRAME = /^(\s+at (?:async )?)(?:(.*?) \()?((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)(\)?)$/;

interface Frame {
  text: string;
  file?: string;
  line?: number;
  column?: number;
}

function parseFrame(text: string): Frame {
  const match = FRAME.exec(text);
  if (!match) return { text };
  const [, prefix, name, file, line, column, close] = match;
  const position = isCompiledFile(file!) ? originalPosition(file!, Number(line), Number(column)) : { line: Number(line), column: Number(column) };
  const location = `${file}:${position.line}:${position.column}`;
  return {
    text: name === undefined ? `${prefix}${location}` : `${prefix}${name} (${location}${close}`,
    file,
    line: position.line,
    column: position.column,
  };
}

function isLibraryFile(file: string): boolean {
  const filePath = file.startsWith('file://') ? fileURLToPath(file) : file;
  return LIBRARY_CODE.some((dir) => filePath.startsWith(dir));
}

function isInternal(frame: Frame): boolean {
  return /\bnode:/.test(frame.text) && /\(node:|at node:/.test(frame.text);
}

interface CleanStack {
  /** Everything before the first frame: the message (or V8's decorated SyntaxError header). */
  header: string;
  frames: Frame[];
}

/**
 * The frames a user should see: positions mapped to the source, frames of node:internal and of
 * this library removed, and nothing below the last frame of the script's own modules (the host:
 * vitest, the test file).
 */
export function cleanStack(stack: string): CleanStack {
  const lines = stack.split('\n');
  const first = lines.findIndex((line) => /^\s+at /.test(line));
  if (first === -1) return { header: stack, frames: [] };
  const frames = lines.slice(first).map(parseFrame);
  let lastUser = -1;
  frames.forEach((frame, index) => {
    if (frame.file && isCompiledFile(frame.file)) lastUser = index;
  });
  return {
    header: lines.slice(0, first).join('\n'),
    frames: frames.slice(0, lastUser + 1).filter((frame) => !isInternal(frame) && !(frame.file && isLibraryFile(frame.file))),
  };
}

function cleanedStackText(stack: string): string {
  const { header, frames } = cleanStack(stack);
  return [header, ...frames.map((frame) => frame.text)].join('\n');
}

/** Runs `fn` with the stacks of `error`, its causes and aggregated errors cleaned, then restores them. */
function withCleanStacks<T>(error: unknown, fn: () => T): T {
  const restore: (() => void)[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown): void => {
    if (!(value instanceof Error) || seen.has(value)) return;
    seen.add(value);
    const descriptor = Object.getOwnPropertyDescriptor(value, 'stack');
    if (descriptor && 'value' in descriptor && typeof descriptor.value === 'string' && descriptor.writable) {
      value.stack = cleanedStackText(descriptor.value);
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

/** Node's builtin sources, for the header of an error thrown inside Node (Node 20 exposes them). */
function internalSourceLine(file: string, line: number): string | undefined {
  try {
    const natives = (process as unknown as { binding(name: string): Record<string, string> }).binding('natives');
    return natives[file.replace(/^node:/, '')]?.split('\n')[line - 1];
  } catch {
    return undefined;
  }
}

export type FailureOrigin = 'uncaughtException' | 'unhandledRejection';

/** `file:line`, the source line and a caret, as Node prints above an uncaught error. */
function sourceHeader(error: Error, origin: FailureOrigin): string | undefined {
  const stack = typeof error.stack === 'string' ? error.stack : '';
  const { frames } = cleanStack(stack);
  const top = frames.find((frame) => frame.file && isCompiledFile(frame.file));
  if (top?.file && top.line && top.column) {
    const text = originalSource(top.file)?.split(/\r?\n/)[top.line - 1];
    if (text === undefined) return undefined;
    let column = top.column - 1;
    // Node marks where a CommonJS exception was thrown; the stack knows where it was created.
    // They differ on `throw new Error(…)` lines, whose `throw` is the mark.
    if (origin === 'uncaughtException' && !top.file.startsWith('file:')) {
      const before = /\bthrow\s+(?:new\s+)?$/.exec(text.slice(0, column));
      if (before) column = before.index;
    }
    return `${top.file}:${top.line}\n${text}\n${' '.repeat(column)}^\n`;
  }
  const internal = /\((node:[^:]+):(\d+):(\d+)\)$|at (node:[^:]+):(\d+):(\d+)$/.exec(stack.split('\n').find((l) => /^\s+at /.test(l)) ?? '');
  if (internal) {
    const file = internal[1] ?? internal[4]!;
    const line = Number(internal[2] ?? internal[5]);
    const column = Number(internal[3] ?? internal[6]);
    const text = internalSourceLine(file, line);
    if (text !== undefined) return `${file}:${line}\n${text}\n${' '.repeat(column - 1)}^\n`;
  }
  return undefined;
}

/** A V8 SyntaxError from compiling a script already carries Node's `file:line`, source and caret. */
function isDecoratedSyntaxError(error: Error): boolean {
  return typeof error.stack === 'string' && !error.stack.startsWith(`${error.name}`) && /\n\s*\^+\s*\n/.test(error.stack);
}

/**
 * The report Node prints on stderr for an uncaught error (without the `Node.js vX` trailer):
 * source line and caret, then the error as `util.inspect` shows it, with clean stacks.
 */
export function formatUncaught(error: unknown, origin: FailureOrigin = 'uncaughtException'): string {
  if (!(error instanceof Error)) {
    if (error !== null && typeof error === 'object') return `\n${inspect(error)}\n`;
    return `\n${String(error)}\n(Use \`node --trace-uncaught ...\` to show where the exception was thrown)\n`;
  }
  return withCleanStacks(error, () => {
    if (isDecoratedSyntaxError(error)) return `${error.stack}\n`;
    const header = sourceHeader(error, origin);
    const body = inspect(error);
    return header ? `${header}\n${body}\n` : `${body}\n`;
  });
}

/** The trailer Node prints after an uncaught error's report. */
export const NODE_VERSION_TRAILER = `\nNode.js ${process.version}\n`;

/** Absolute paths and file: URLs under `cwd` made relative, for a stable traceback. */
export function relativizePaths(text: string, cwd: string): string {
  const base = cwd.endsWith(path.sep) ? cwd : cwd + path.sep;
  const url = `file://${base}`;
  return text.split(url).join('').split(base).join('');
}

/** SPEC §4: the uncaught report with user frames only and paths relative to the run's cwd. */
export function formatTraceback(error: unknown, cwd: string, origin: FailureOrigin = 'uncaughtException'): string {
  return relativizePaths(formatUncaught(error, origin), cwd).replace(/^\n+/, '');
}
