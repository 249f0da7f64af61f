import { inspect } from 'node:util';
import { isNativeError } from 'node:util/types';
import { nodeInternalSource } from '../node-internals.js';
import { NODE_MAJOR } from '../node-version.js';
import { MathMax, SafeString } from '../primordials.js';
import { isTransformedFile, originalSource } from './source-maps.js';
import { dropInternalFrames, isNodeError, parseStack, withCleanStacks } from './stacks.js';

// The report Node prints on stderr for an uncaught error, as its C++ reporter writes it
// (ReportFatalException in src/node_errors.cc): the source line and caret, then the error as
// `util.inspect` shows it; when looking at the error throws, its name and message, or as little
// as Node manages, with the `--trace-uncaught` hint. Nothing here throws, whatever the value.

/**
 * Where the failure is reported from. `thrown`: an exception thrown through Node's uncaught path
 * (a CommonJS script's top level, any callback); Node marks the `throw`. `evaluation`: an ES
 * module's evaluation failed; `rejection`: a promise nobody handled. Node marks the error's own
 * position for these two.
 */
export type FailureOrigin = 'thrown' | 'evaluation' | 'rejection';

/** How the report is written: in colour when the run's stderr is a terminal that has them. */
export interface ReportStyle {
  colors: boolean;
}

/**
 * Node colours the report as it would colour stderr (`shouldColorize`): with FORCE_COLOR at 16
 * colours or more, else when stderr is a terminal of more than two colours.
 */
export function reportStyleOf(stderrIsTerminal: boolean, env: Record<string, string | undefined>): ReportStyle {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return { colors: ['', '1', 'true', '2', '3'].includes(force) };
  return { colors: stderrIsTerminal };
}

const TRACE_UNCAUGHT_HINT = '(Use `node --trace-uncaught ...` to show where the exception was thrown)\n';

/**
 * The report Node prints on stderr for an uncaught error (without the `Node.js vX` trailer).
 * A value that is not an Error has no stack: its report lacks the `file:line` and source line
 * Node takes from V8's message (README, limits).
 */
export function formatUncaught(error: unknown, origin: FailureOrigin = 'thrown', style: ReportStyle = { colors: false }): string {
  if (!isNativeError(error)) return nonErrorReport(error, style);
  const decorated = isDecoratedSyntaxError(error);
  const header = decorated ? undefined : guarded(() => sourceHeader(error, origin));
  const trace = decorated ? guarded(() => asString(error.stack)) : traceOf(error, style);
  const arrow = header ? `${header}\n` : '';
  if (trace) return `${arrow}${dropInternalFrames(trace)}\n`;
  // Node's own fallback: the name and message, else the value as a string and no source line.
  const name = guarded(() => error.name);
  const message = guarded(() => error.message);
  if (name === undefined || message === undefined) return `${asString(error)}\n${TRACE_UNCAUGHT_HINT}`;
  return `${arrow}${asString(name)}: ${asString(message)}\n${TRACE_UNCAUGHT_HINT}`;
}

/** A thrown value that is not an Error: objects and functions through inspect, the rest as strings. */
function nonErrorReport(value: unknown, style: ReportStyle): string {
  const isObject = (typeof value === 'object' && value !== null) || typeof value === 'function';
  if (isObject) {
    const trace = traceOf(value as Error, style);
    if (trace) return `\n${trace}\n`;
    const name = guarded(() => (value as Error).name);
    const message = guarded(() => (value as Error).message);
    if (name !== undefined && message !== undefined) return `\n${asString(name)}: ${asString(message)}\n${TRACE_UNCAUGHT_HINT}`;
  }
  return `\n${asString(value)}\n${TRACE_UNCAUGHT_HINT}`;
}

/**
 * What Node's fatal-exception enhancer makes of the value: `util.inspect` with the script's own
 * custom inspection off and a depth of at least 5, falling back to the stack as it was when
 * inspection throws; undefined when even the stack cannot be read.
 */
function traceOf(error: Error, style: ReportStyle): string | undefined {
  let original: unknown;
  try {
    original = error.stack;
  } catch {
    return undefined;
  }
  try {
    const depth = MathMax(inspect.defaultOptions.depth ?? 2, 5);
    const colors = style.colors || inspect.defaultOptions.colors === true;
    return withCleanStacks(error, () => inspect(error, { colors, customInspect: false, depth }));
  } catch {
    return original === undefined ? undefined : asString(original);
  }
}

function guarded<T>(look: () => T): T | undefined {
  try {
    return look();
  } catch {
    return undefined;
  }
}

/** A value as Node's C++ writes it: its string, or nothing when that throws (a symbol has none). */
function asString(value: unknown): string {
  if (typeof value === 'symbol') return '';
  try {
    return SafeString(value);
  } catch {
    return '';
  }
}

let validatorThrowSite: { line: number; text: string } | null | undefined;

/**
 * Node's argument validators rethrow their errors from one `throw error;` in hideStackFrames
 * (internal/errors): that is where Node marks such an error thrown through a callback or a
 * CommonJS script's top level.
 */
function hideStackFramesThrowSite(): { line: number; text: string } | null {
  if (validatorThrowSite !== undefined) return validatorThrowSite;
  const lines = nodeInternalSource('internal/errors') ?? [];
  const start = lines.findIndex((line) => line.startsWith('function hideStackFrames'));
  const offset = start === -1 ? -1 : lines.slice(start).findIndex((line) => /^\s*throw error;\s*$/.test(line));
  validatorThrowSite = offset === -1 ? null : { line: start + offset + 1, text: lines[start + offset]! };
  return validatorThrowSite;
}

/**
 * The caret's column on `text` for an error at `column` (0-based): thrown through Node's
 * uncaught path, Node marks the `throw` of a `throw new X(…)` that made it.
 */
function caretColumn(text: string, column: number, origin: FailureOrigin): number {
  if (origin !== 'thrown') return column;
  const before = /\bthrow\s+(?:new\s+)?$/.exec(text.slice(0, column));
  return before ? before.index : column;
}

/** `file:line`, the source line and a caret, as Node prints above an uncaught error. */
function sourceHeader(error: Error, origin: FailureOrigin): string | undefined {
  const stack = error.stack;
  const { frames } = parseStack(typeof stack === 'string' ? stack : '');
  const top = frames.find((frame) => frame.kind !== 'library');
  if (!top?.file || !top.line || !top.column) return undefined;
  if (top.kind === 'internal') {
    const text = nodeInternalSource(top.file)?.[top.line - 1];
    const throwsThere = text !== undefined && caretColumn(text, top.column - 1, 'thrown') !== top.column - 1;
    // Created where nothing throws: a validator made it, and hideStackFrames threw it.
    const site = origin === 'thrown' && isNodeError(error) && !throwsThere ? hideStackFramesThrowSite() : null;
    if (site) return `node:internal/errors:${site.line}\n${site.text}\n${' '.repeat(site.text.indexOf('throw'))}^\n`;
    if (text === undefined) return undefined;
    return `${top.file}:${top.line}\n${text}\n${' '.repeat(caretColumn(text, top.column - 1, origin))}^\n`;
  }
  if (top.kind !== 'user') return undefined;
  const text = originalSource(top.file)?.split(/\r?\n/)[top.line - 1];
  if (text === undefined) return undefined;
  // The stack knows where the error was created; Node marks where it was thrown: on a
  // `throw new Error(…)` line that is the `throw` (except in source-mapped files, where Node's
  // source-map support marks the mapped frame).
  const column = isTransformedFile(top.file) ? top.column - 1 : caretColumn(text, top.column - 1, origin);
  // Node 20's source-map rendering of the header leaves one more blank line.
  const blank = isTransformedFile(top.file) && NODE_MAJOR < 22 ? '\n' : '';
  return `${top.file}:${top.line}\n${text}\n${' '.repeat(column)}^\n${blank}`;
}

/** A V8 SyntaxError from compiling a script already carries Node's `file:line`, source and caret. */
function isDecoratedSyntaxError(error: Error): boolean {
  return (
    guarded(() => {
      const stack = error.stack;
      // `file:line`, the source line, the caret line (blank where the file ended), as V8 writes them.
      return typeof stack === 'string' && !stack.startsWith(error.name) && /^[^\n]*:\d+\n[^\n]*\n[ ^]*\n/.test(stack);
    }) === true
  );
}
