import { isNativeError } from 'node:util/types';
import { type FrameKind, frameKindOf } from './frame-kind.js';

// Stacks as text: their frames, whose code each is, and a stack as the user should see it.

/** `at name (file:line:column)`, where the file may hold spaces, or `at file:line:column`, where it cannot. */
const FRAME = /^\s+at (?:async )?(?:.*? \(((?:file:\/\/|node:)?[^()]*?):(\d+):(\d+)\)|((?:file:\/\/|node:)?[^()\s]*?):(\d+):(\d+))/;
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
  const [, inParens, lineInParens, columnInParens, bare, bareLine, bareColumn] = match;
  const file = inParens ?? bare;
  const line = lineInParens ?? bareLine;
  const column = columnInParens ?? bareColumn;
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
export function cleanStackText(stack: string): string {
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
export function dropInternalFrames(text: string): string {
  const kept: string[] = [];
  for (const line of text.split('\n')) {
    const match = /^\s+at (?:async )?(?:.+ \()?node:internal\/[^)\s]*?:\d+:\d+\)?(.*)$/.exec(line);
    if (!match) kept.push(line);
    else if (match[1] && kept.length > 0) kept[kept.length - 1] += match[1];
  }
  return kept.join('\n');
}

/**
 * Runs `fn` with the stacks of `error`, its causes and aggregated errors cleaned, then restores
 * them. A value that cannot be looked at (a revoked proxy, a throwing getter) is left as it is.
 */
export function withCleanStacks<T>(error: unknown, fn: () => T): T {
  const restore: (() => void)[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown): void => {
    // A brand check: `instanceof` would ask a proxy's getPrototypeOf trap.
    if (!isNativeError(value) || seen.has(value)) return;
    seen.add(value);
    try {
      // An own data property up to Node 20; an accessor from Node 22 (V8 12) on.
      const descriptor = Object.getOwnPropertyDescriptor(value, 'stack');
      const stack = descriptor && ('value' in descriptor ? descriptor.value : descriptor.get?.call(value));
      if (descriptor?.configurable && typeof stack === 'string') {
        Object.defineProperty(value, 'stack', { value: cleanStackText(stack), configurable: true, writable: true });
        restore.push(() => Object.defineProperty(value, 'stack', descriptor));
      }
      visit((value as Error & { cause?: unknown }).cause);
      const inner = (value as { errors?: unknown }).errors;
      if (value instanceof AggregateError && Array.isArray(inner)) for (const each of inner) visit(each);
    } catch {
      // a getter of the script's that throws: Node's inspect shows it as it is
    }
  };
  visit(error);
  try {
    return fn();
  } finally {
    for (const undo of restore.reverse()) undo();
  }
}

/** Node's own errors (ERR_*), whose classes carry the kIsNodeError symbol. */
export function isNodeError(error: Error): boolean {
  try {
    for (let proto = Object.getPrototypeOf(error); proto !== null && proto !== Error.prototype; proto = Object.getPrototypeOf(proto)) {
      if (Object.getOwnPropertySymbols(proto).some((symbol) => symbol.description === 'kIsNodeError')) return true;
    }
  } catch {
    // a prototype chain the script made unreadable
  }
  return false;
}

/** Whether a line of a creation stack points into the run's own code. */
export function isUserFrameLine(line: string): boolean {
  return FRAME_LINE.test(line) && parseFrame(line).kind === 'user';
}
