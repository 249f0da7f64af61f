import path from 'node:path';
import { types } from 'node:util';
import type { RunResult } from '../result.js';
import {
  assertArgument,
  assertRunResult,
  cwdOf,
  expectedText,
  filesSection,
  hint,
  type MatcherContext,
  type MatcherResult,
  textSection,
  whyTail,
} from './utils.js';

/**
 * Passes when the run created or changed the file at `file` (relative to the run's cwd, or
 * absolute) and, when `content` is given, the file holds it: the same text, text matching a
 * RegExp, the same bytes, or what an asymmetric matcher accepts. A file the run deleted was not
 * written. On failure it shows the tree of files the run wrote.
 *
 * @example
 * expect(result).toHaveWrittenFile('dist/index.html', '<h1>Hello</h1>\n');
 * expect(result).toHaveWrittenFile('/tmp/report.json', expect.stringContaining('"ok":true'));
 */
export function toHaveWrittenFile(this: MatcherContext, received: unknown, ...args: [file: string, content?: unknown]): MatcherResult {
  assertRunResult(this, 'toHaveWrittenFile', received, 'path');
  const [file, expected] = args;
  assertArgument(this, 'toHaveWrittenFile', typeof file === 'string' && file !== '', 'the path of a file as a non-empty string', file, 'path');
  const withContent = args.length > 1;
  const key = fileKey(file, cwdOf(received));
  const files = received.files as Record<string, string | Uint8Array | null>;
  const content = Object.hasOwn(files, key) ? files[key] : undefined;
  const written = content !== undefined && content !== null;
  const pass = written && (!withContent || contentMatches(this, content, expected));
  const comparable = typeof expected === 'string' || types.isUint8Array(expected);
  return {
    pass,
    ...(written && withContent && comparable ? { actual: content, expected } : {}),
    message: () => {
      const lines = [hint(this, 'toHaveWrittenFile', 'path', withContent ? 'content' : undefined), ''];
      const wanted = withContent ? ` with the content ${expectedText(this, expected)}` : '';
      if (this.isNot) {
        lines.push(`Expected the run not to write ${key}${wanted}`, ...contentLines(key, content!));
      } else if (!written) {
        lines.push(`Expected the run to write ${key}${wanted}`);
        if (content === null) lines.push(`The run deleted ${key}.`);
        lines.push(...filesSection(files));
      } else {
        lines.push(`Expected ${key} to ${types.isRegExp(expected) ? 'match' : 'hold'}: ${expectedText(this, expected)}`, ...contentLines(key, content));
      }
      return [...lines, ...whyTail(received as RunResult<unknown>)].join('\n');
    },
  };
}

/** The key of `file` in `result.files`: POSIX and relative to cwd inside it, absolute outside (as the run writes them). */
function fileKey(file: string, cwd: string): string {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative.split(path.sep).join('/');
}

function contentMatches(context: MatcherContext, content: string | Uint8Array, expected: unknown): boolean {
  if (types.isRegExp(expected)) return new RegExp(expected).test(typeof content === 'string' ? content : Buffer.from(content).toString('utf8'));
  if (types.isUint8Array(expected)) return typeof content !== 'string' && Buffer.from(content).equals(Buffer.from(expected));
  return context.equals(content, expected, [...context.customTesters]);
}

function contentLines(key: string, content: string | Uint8Array): string[] {
  if (typeof content === 'string') return textSection(`Received ${key}:`, content);
  return [`Received ${key}: ${content.byteLength} bytes (binary)`];
}
