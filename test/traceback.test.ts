/**
 * Tracebacks (SPEC §4): Node's uncaught-exception report with user frames only, paths relative
 * to the run's cwd, TypeScript positions mapped, causes and aggregated errors included, stable
 * from run to run. Where Node prints the same report, the expected text is Node's own stderr
 * (runInNode) with its node:internal frames and version trailer removed and paths relativised.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { type RunResult, runAsMain, runInNode } from '../src/index.js';
import { dropNodeFrames } from './support/node-output.js';

const fixturesDir = fileURLToPath(new URL('../fixtures/traceback', import.meta.url));
const repoDir = fileURLToPath(new URL('..', import.meta.url));
const options = { cwd: fixturesDir };

/**
 * Node's stderr report as a traceback: node:internal frames dropped (what followed one on its
 * line, such as ` {`, kept on the line before), the `Node.js vX` trailer removed, and paths under
 * `cwd` (plain or as file: URLs) made relative.
 */
function asTraceback(stderr: string, cwd: string): string {
  const base = `${cwd}${path.sep}`;
  return dropNodeFrames(stderr)
    .replace(/\nNode\.js v[\d.]+\n$/, '')
    .split(`file://${base}`)
    .join('')
    .split(base)
    .join('')
    .replace(/^\n+/, '');
}

/** Each line that is a stack frame. */
const frameLines = (traceback: string): string[] => traceback.split('\n').filter((line) => /^\s+at /.test(line));

describe('asTraceback', () => {
  test("turns Node's report into the traceback form", () => {
    const stderr = [
      `${fixturesDir}/a.js:1`,
      'throw new Error("x");',
      '^',
      '',
      'Error: x',
      `    at Object.<anonymous> (${fixturesDir}/a.js:1:7)`,
      '    at Module._compile (node:internal/modules/cjs/loader:1521:14)',
      '    at node:internal/main/run_main_module:28:49 {',
      "  code: 'E'",
      '}',
      '',
      'Node.js v20.20.2',
      '',
    ].join('\n');
    expect(asTraceback(stderr, fixturesDir)).toBe(
      ['a.js:1', 'throw new Error("x");', '^', '', 'Error: x', '    at Object.<anonymous> (a.js:1:7) {', "  code: 'E'", '}', ''].join(
        '\n',
      ),
    );
  });
});

describe('traceback', () => {
  const sameAsNode = ['nested-call.js', 'timer-callback.js', 'esm-throw.mjs', 'aggregate.js'];
  const nodeResults = new Map<string, RunResult>();

  beforeAll(async () => {
    for (const file of sameAsNode) nodeResults.set(file, await runInNode(file, options));
  });

  test.each(sameAsNode)("is Node's report of %s with user frames only and relative paths", async (file) => {
    const result = await runAsMain(file, options);
    expect(result.exitCode).toBe(1);
    expect(result.traceback).toBe(asTraceback(nodeResults.get(file)!.stderr, fixturesDir));
  });

  test('has paths relative to the cwd, through subdirectories', async () => {
    const result = await runAsMain('nested-call.js', options);
    expect(frameLines(result.traceback)).toEqual([
      '    at boom (lib/thrower.js:2:9)',
      '    at run (nested-call.js:3:3)',
      '    at Object.<anonymous> (nested-call.js:5:1)',
    ]);
    expect(result.traceback.startsWith('lib/thrower.js:2\n')).toBe(true);
    expect(result.traceback).not.toContain(fixturesDir);
  });

  test('has paths relative to a cwd above the script', async () => {
    const cwd = path.dirname(fixturesDir);
    const result = await runAsMain('traceback/nested-call.js', { cwd });
    expect(frameLines(result.traceback)[0]).toBe('    at boom (traceback/lib/thrower.js:2:9)');
    expect(result.traceback).not.toContain(cwd);
  });

  test('has only user frames: none of run-as-main, vitest or node:internal', async () => {
    for (const file of ['nested-call.js', 'timer-callback.js', 'esm-throw.mjs', 'cause-chain.js', 'ts-throw.ts']) {
      const { traceback } = await runAsMain(file, options);
      expect(traceback).not.toContain('node:internal');
      expect(traceback).not.toContain(path.join(repoDir, 'src'));
      expect(traceback).not.toContain('vitest');
      expect(traceback).not.toContain('node_modules');
      // every location is `<anonymous>` (a native frame) or a path relative to cwd
      for (const line of frameLines(traceback)) {
        expect(line).toMatch(/^\s+at (?:.+ \()?(?:<anonymous>|[\w.-]+(?:\/[\w.-]+)*:\d+:\d+)\)?(?: \{|,)?$/);
      }
    }
  });

  test('maps TypeScript lines and columns to the .ts source', async () => {
    const result = await runAsMain('ts-throw.ts', options);
    const source = readFileSync(path.join(fixturesDir, 'ts-throw.ts'), 'utf8').split('\n')[7]!;
    const column = source.indexOf('new RangeError') + 1;
    expect(result.error).toBeInstanceOf(RangeError);
    expect(result.traceback).toContain(`RangeError: retries must be positive: -1\n    at validate (ts-throw.ts:8:${column})\n`);
    expect(frameLines(result.traceback)[1]).toMatch(/\(ts-throw\.ts:10:1\)$/);
    expect(result.traceback).toMatch(/^ts-throw\.ts:8\n/);
    expect(result.traceback).toContain(`\n${source}\n`);
  });

  test("of a CommonJS TypeScript script is Node's report of the same transform", async () => {
    const [inProcess, node] = await Promise.all([runAsMain('ts-throw.ts', options), runInNode('ts-throw.ts', options)]);
    expect(inProcess.traceback).toBe(asTraceback(node.stderr, fixturesDir));
  });

  test('includes the cause chain, each cause with its own user frames', async () => {
    const { traceback } = await runAsMain('cause-chain.js', options);
    expect(traceback).toMatch(/^cause-chain\.js:12\n/);
    expect(traceback).toContain('Error: cannot start\n    at start (cause-chain.js:12:11)\n');
    expect(traceback).toContain('  [cause]: Error: cannot read config\n      at readConfig (cause-chain.js:5:11)\n');
    // V8's JSON message grew a "(line 1 column 3)" in Node 22.
    expect(traceback).toMatch(
      / {4}\[cause\]: SyntaxError: Expected property name or '\}' in JSON at position 2[^\n]*\n {8}at JSON\.parse \(<anonymous>\)\n {8}at readConfig \(cause-chain\.js:3:10\)\n/,
    );
    expect(traceback).not.toContain('node:internal');
  });

  test('includes the errors of an AggregateError, each with its frames', async () => {
    const { traceback } = await runAsMain('aggregate.js', options);
    expect(traceback).toContain('AggregateError: several things failed\n    at Object.<anonymous> (aggregate.js:2:7) {\n  [errors]: [\n');
    expect(traceback).toContain('    Error: first\n        at Object.<anonymous> (aggregate.js:1:19)');
    expect(traceback).toContain('    TypeError: second\n        at Object.<anonymous> (aggregate.js:1:39)');
  });

  test('is the same text in two runs of the same failure', async () => {
    for (const file of ['nested-call.js', 'esm-throw.mjs', 'cause-chain.js', 'ts-throw.ts']) {
      const first = await runAsMain(file, options);
      const second = await runAsMain(file, options);
      expect(first.traceback).not.toBe('');
      expect(second.traceback).toBe(first.traceback);
    }
  });

  test('of a SyntaxError names file:line:column and shows the line with a caret', async () => {
    const result = await runAsMain('syntax-error.js', options);
    const line = 'if (ok) { return ok +* 2; }';
    const column = line.indexOf('*') + 1;
    expect(result.error).toBeInstanceOf(SyntaxError);
    expect(result.traceback).toContain(`syntax-error.js:2:${column}`);
    expect(result.traceback).toContain(`\n${line}\n${' '.repeat(column - 1)}^\n`);
    expect(result.traceback).toContain("SyntaxError: Unexpected token '*'");
  });

  test('is empty for a run that did not fail', async () => {
    const result = await runAsMain('lib/thrower.js', options);
    expect(result.ok).toBe(true);
    expect(result.traceback).toBe('');
  });
});
