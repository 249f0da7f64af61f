/**
 * A debugger stops in in-process code where the user asked (SPEC §3.10): a breakpoint set by line
 * on a `.ts` (or `.cts`) file before any run pauses on that line of the first run, the paused
 * frames show the source's lines, and a `debugger;` statement pauses on its own line. Each case is
 * a process of its own started with `--inspect` (test/support/debugger-driver.ts), breakpoints
 * set through `node:inspector` as VS Code or Chrome's DevTools set them.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'fixtures/debugger');

function debug(script: string, breakpoints: string[] = []): { stdout: string; pauses: unknown[] } {
  const out = execFileSync(
    process.execPath,
    ['--inspect=127.0.0.1:0', '--import', 'tsx', join(root, 'test/support/debugger-driver.ts'), join(dir, script), ...breakpoints],
    { cwd: root, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return JSON.parse(out) as { stdout: string; pauses: unknown[] };
}

test('a breakpoint on a line of a TypeScript script pauses there on the first run, with source lines in the stack', () => {
  const { stdout, pauses } = debug('greet.ts', ['greet.ts:9']);
  expect(stdout).toBe('HELLO, ANN!\n');
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a line of the script, as the debugger shows it
  expect(pauses).toEqual([{ reason: 'other', frames: ['greet.ts:9', 'greet.ts:13'], line: 'const text = `hello, ${options.name}`;' }]);
}, 60_000);

test('a breakpoint in a CommonJS TypeScript module the script imports pauses on its line', () => {
  const { pauses } = debug('greet.ts', ['shout.cts:5']);
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a line of the script, as the debugger shows it
  expect(pauses).toEqual([{ reason: 'other', frames: ['shout.cts:5', 'greet.ts:10', 'greet.ts:13'], line: 'return `${loud}!`;' }]);
}, 60_000);

test('a debugger statement pauses on its own line', () => {
  const { stdout, pauses } = debug('pause.mts');
  expect(stdout).toBe('42\n');
  expect(pauses).toEqual([{ reason: 'other', frames: ['pause.mts:2'], line: 'debugger;' }]);
}, 60_000);
