import type { RunResult } from '../result.js';
import { runLocationOf } from '../result-location.js';
import { formatValue } from '../snapshot/describe-value.js';
import { describeType, isRunResult } from '../snapshot/is-run-result.js';
import { type FileContent, fileTree, tailOf, textBlock } from '../snapshot/layout.js';
import { exitCodeText } from '../snapshot/render-run-result.js';

/**
 * What a matcher uses of vitest's `this` (its MatcherState), declared here so that the shipped
 * types name nothing that differs between vitest 4 and 5.
 */
export interface MatcherContext {
  isNot: boolean;
  promise: string;
  customTesters: readonly unknown[];
  equals(a: unknown, b: unknown, customTesters?: unknown[], strictCheck?: boolean): boolean;
  utils: {
    matcherHint(name: string, received?: string, expected?: string, options?: { isNot?: boolean; promise?: string; secondArgument?: string }): string;
    printExpected(value: unknown): string;
    printReceived(value: unknown): string;
    EXPECTED_COLOR(text: string): string;
    RECEIVED_COLOR(text: string): string;
    iterableEquality: unknown;
    subsetEquality: unknown;
  };
}

/** What a matcher returns: vitest draws a diff of `actual` and `expected` when both are there. */
export interface MatcherResult {
  pass: boolean;
  message: () => string;
  actual?: unknown;
  expected?: unknown;
}

/** Lines of a text shown in a message before it is cut to its tail. */
const SHOWN_LINES = 40;
/** Lines of stderr shown as the reason a run failed. */
const TAIL_LINES = 10;

/** `expect(result).not.toPrint(expected)`, coloured as vitest colours its own hints. */
export function hint(context: MatcherContext, name: string, expected = 'expected', secondArgument?: string): string {
  return context.utils.matcherHint(name, 'result', expected, {
    isNot: context.isNot,
    promise: context.promise,
    ...(secondArgument ? { secondArgument } : {}),
  });
}

/**
 * The receiver guard: a matcher of this library takes a RunResult and nothing else. Thrown, not
 * failed, whatever `.not` says, as vitest's own matchers treat a receiver of the wrong type.
 */
export function assertRunResult(
  context: MatcherContext,
  name: string,
  received: unknown,
  expected?: string,
): asserts received is RunResult<unknown> {
  if (isRunResult(received)) return;
  const type = describeType(received);
  const lines = [
    hint(context, name, expected),
    '',
    `Matcher error: ${context.utils.RECEIVED_COLOR('received')} value must be a RunResult: what runAsMain, runSource, safeRunPath, safeRunModule and runInNode resolve to.`,
    '',
  ];
  if (type === 'a Promise') {
    lines.push('Received: a Promise', `  Await it first, or use expect(promise).resolves.${name}(…).`);
  } else if (typeof received === 'object' && received !== null) {
    lines.push(`Received: ${type}`, `  ${shortValue(received)}`);
  } else if (received === null || received === undefined) {
    lines.push(`Received: ${type}`);
  } else {
    lines.push(`Received: ${type} ${shortValue(received)}`);
  }
  throw new TypeError(lines.join('\n'));
}

/** A value on one line, cut at 100 characters. */
export function shortValue(value: unknown): string {
  const text = formatValue(value, { width: Number.POSITIVE_INFINITY });
  return text.length > 100 ? `${text.slice(0, 99)}…` : text;
}

/** What a matcher was asked for, in the notation of what came (values named, asymmetric matchers as vitest prints them). */
export function expectedText(context: MatcherContext, value: unknown): string {
  return context.utils.EXPECTED_COLOR(shortValue(value));
}

/** What came, in the same notation. */
export function receivedText(context: MatcherContext, value: unknown): string {
  return context.utils.RECEIVED_COLOR(shortValue(value));
}

/** Throws a usage error for a wrong matcher argument: names the argument, what was expected, what came. */
export function assertArgument(context: MatcherContext, name: string, ok: boolean, what: string, value: unknown, expected = 'expected'): void {
  if (ok) return;
  throw new TypeError(
    [hint(context, name, expected), '', `${name} needs ${what}; received ${received(value)}.`].join('\n'),
  );
}

function received(value: unknown): string {
  const type = describeType(value);
  if (type === 'a Promise') return 'a Promise (await it first)';
  return value === null || value === undefined ? type : `${type}, ${shortValue(value)}`;
}

/** A labelled text block: `label` on its own line (or with `(empty)`), then the text, cut to its last lines. */
export function textSection(label: string, text: string, lines = SHOWN_LINES): string[] {
  if (text === '') return [`${label} (empty)`];
  const tail = tailOf(text, lines);
  const heading = tail.omitted > 0 ? `${label} (last ${lines} lines; ${tail.omitted} before them not shown)` : label;
  return [heading, ...textBlock(tail.text, '  ')];
}

/** How the run ended, when that was not a success: a sentence. */
export function failureLine(result: RunResult<unknown>): string {
  if (result.timedOut) return `The run timed out (exit code ${result.exitCode}).`;
  if (result.signal) return `The run ended by signal ${result.signal} (exit code ${result.exitCode}).`;
  if (result.exitCode !== 0) return `The run failed with exit code ${result.exitCode}.`;
  return 'The run threw, and exited with code 0.';
}

/**
 * Why a run failed, for the end of a message: what was still pending at a timeout, else the
 * traceback, else the last lines of stderr. Empty for a run that succeeded.
 */
export function whyTail(result: RunResult<unknown>, options: { status?: boolean; traceback?: boolean; stderr?: boolean } = {}): string[] {
  if (isOk(result)) return [];
  const lines = [''];
  if (options.status !== false) lines.push(failureLine(result));
  const pending = result.pending ?? [];
  if (result.timedOut && pending.length > 0) {
    lines.push('Still pending at the timeout:', ...pending.map((item) => `  ${item.kind} at ${item.createdAt}`));
  } else if (result.traceback && options.traceback !== false) {
    lines.push(...textSection('Traceback:', result.traceback, TAIL_LINES * 2));
  } else if (!result.traceback && options.stderr !== false) {
    if (result.stderr) lines.push(...textSection('stderr:', result.stderr, TAIL_LINES));
    else lines.push(...textSection('It printed nothing on stderr; stdout:', result.stdout, TAIL_LINES));
  }
  return lines.length === 1 ? [] : lines;
}

/** Exit code 0 and no uncaught error (a RunResult's `ok`, computed for copies that lack it). */
export function isOk(result: RunResult<unknown>): boolean {
  return typeof result.ok === 'boolean' ? result.ok : result.exitCode === 0 && result.error === undefined;
}

/** The files a run wrote, as a tree; a line saying so when none. */
export function filesSection(files: Record<string, FileContent>): string[] {
  const keys = Object.keys(files);
  if (keys.length === 0) return ['The run wrote no files.'];
  return ['The run wrote:', ...fileTree(files, '  ')];
}

/** The run's cwd: from its location, else the host's (a run's default). */
export function cwdOf(result: RunResult<unknown>): string {
  return runLocationOf(result)?.cwd ?? process.cwd();
}

/** `exit code 1`, `exit code 124 (timed out)`, `exit code 0 and an uncaught [Error: x]`. */
export function outcome(result: RunResult<unknown>): string {
  const code = `exit code ${exitCodeText(result)}`;
  if (result.exitCode === 0 && (result.error !== undefined || result.traceback !== '')) {
    return `${code} and an uncaught ${shortValue(result.error)}`;
  }
  return code;
}

export { exitCodeText };
