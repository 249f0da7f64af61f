/**
 * Every test leaves the host process as it found it (STYLE.md, Tests): after each test, and
 * after each file, compare argv, env, cwd, exitCode, process listeners and globals with what
 * they were before; on a difference, restore them and fail with one line per change.
 */
import { afterAll, afterEach, beforeEach } from 'vitest';
import { diffHostState, type HostState, restoreHostState, snapshotHostState } from './host-state.js';

// Taken when vitest loads this setup file, before the test file is imported: the file-level
// check then also covers the test file's top-level code and its beforeAll/afterAll hooks.
const atFileStart = snapshotHostState();
let atTestStart: HostState | undefined;

function check(before: HostState, by: string, subject: string): void {
  const changes = diffHostState(before, snapshotHostState(), by);
  if (changes.length === 0) return;
  restoreHostState(before);
  throw new Error(
    `${subject} left the host process changed (now restored):\n${changes.map((line) => `  - ${line}`).join('\n')}`,
  );
}

beforeEach(() => {
  atTestStart = snapshotHostState();
});

// Vitest runs afterEach hooks in reverse order of registration and this file registers first,
// so this check runs after the test file's own afterEach clean-ups.
afterEach(() => {
  const before = atTestStart;
  atTestStart = undefined;
  if (before) check(before, 'by this test', 'This test');
});

afterAll(() => {
  check(atFileStart, "by this file's top-level code or beforeAll/afterAll hooks", 'This test file');
});
