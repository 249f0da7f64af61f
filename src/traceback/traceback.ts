import path from 'node:path';
import { isNativeError } from 'node:util/types';
import { type FailureOrigin, formatUncaught } from './uncaught-report.js';

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
  // A brand check and an own look: `instanceof` would ask a proxy's traps, which may throw.
  if (isNativeError(error) && Object.getPrototypeOf(error) === SyntaxError.prototype) {
    text = text.replace(/^([^\n]*:\d+)\n([^\n]*)\n( *)\^/, (_, location, line, indent) => `${location}:${indent.length + 1}\n${line}\n${indent}^`);
  }
  return text;
}
