/**
 * What the chaos battery compares between an in-process run and real node: exit code, stdout and
 * stderr, with the case's directory written `<dir>`, Node's own frames dropped and the pid of
 * warnings hidden (test/support/node-output.ts). Shared by the test and the driver child.
 */
import { dropNodeFrames, hidePid } from '../support/node-output.js';

export interface Comparable {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export function normalizeText(text: string, dir: string): string {
  return hidePid(dropNodeFrames(text.split(dir).join('<dir>')));
}

export function comparable(result: Comparable, dir: string): Comparable {
  return { exitCode: result.exitCode, stdout: normalizeText(result.stdout, dir), stderr: normalizeText(result.stderr, dir) };
}

/** Where two comparables differ, one line each (empty when equal). */
export function differences(actual: Comparable, expected: Comparable, fields: readonly (keyof Comparable)[] = ['exitCode', 'stdout', 'stderr']): string[] {
  const lines: string[] = [];
  for (const field of fields) {
    if (actual[field] !== expected[field]) {
      lines.push(`${field}: ${JSON.stringify(actual[field])} where node gives ${JSON.stringify(expected[field])}`);
    }
  }
  return lines;
}
