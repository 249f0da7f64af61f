import { describe, expect, test } from 'vitest';
import { diffHostState, isIgnoredGlobal, restoreHostState, snapshotHostState } from './host-state.js';

// The snapshots are copies: editing `after` stands for a test that changed the host, without
// changing it.
describe('diffHostState', () => {
  test('reports nothing for two snapshots of an untouched host', () => {
    expect(diffHostState(snapshotHostState(), snapshotHostState())).toEqual([]);
  });

  test('names each env variable added, changed or deleted', () => {
    const before = snapshotHostState();
    before.env.GUARD_CHANGED = 'a';
    before.env.GUARD_DELETED = 'gone';
    const after = snapshotHostState();
    after.env.GUARD_CHANGED = 'b';
    after.env.GUARD_ADDED = '1';
    expect(diffHostState(before, after)).toEqual([
      'process.env.GUARD_CHANGED was changed by this test: "a" → "b"',
      'process.env.GUARD_DELETED was deleted by this test (was "gone")',
      'process.env.GUARD_ADDED was added by this test ("1")',
    ]);
  });

  test('names a changed argv, cwd and exitCode', () => {
    const before = snapshotHostState();
    const after = snapshotHostState();
    after.argv = ['node', 'script.js', '--flag'];
    after.cwd = '/elsewhere';
    after.exitCode = 3;
    expect(diffHostState(before, after)).toEqual([
      `process.argv was changed by this test: ${JSON.stringify(before.argv)} → ["node","script.js","--flag"]`,
      `process.cwd() was changed by this test: ${JSON.stringify(before.cwd)} → "/elsewhere"`,
      `process.exitCode was changed by this test: ${before.exitCode ?? 'undefined'} → 3`,
    ]);
  });

  test('counts process listeners per event, and notices one replaced by another', () => {
    const before = snapshotHostState();
    const after = snapshotHostState();
    const listener = () => {};
    after.listeners.set('guard-added', [listener]);
    before.listeners.set('guard-removed', [listener, listener]);
    after.listeners.set('guard-removed', [listener]);
    before.listeners.set('guard-replaced', [listener]);
    after.listeners.set('guard-replaced', [() => {}]);
    expect(diffHostState(before, after)).toEqual([
      'process "guard-removed" listeners were removed by this test: 2 → 1',
      'process "guard-replaced" listeners were replaced by this test (still 1)',
      'process "guard-added" listeners were added by this test: 0 → 1',
    ]);
  });

  test('names globals added or deleted, by name or symbol', () => {
    const before = snapshotHostState();
    const after = snapshotHostState();
    const value = { value: 1, writable: true, enumerable: true, configurable: true };
    before.globals.set('guardDeleted', value);
    after.globals.set('guardAdded', value);
    after.globals.set('guard-added', value);
    after.globals.set(Symbol.for('guard'), value);
    expect(diffHostState(before, after, 'by this file')).toEqual([
      'globalThis.guardDeleted was deleted by this file',
      'globalThis.guardAdded was added by this file',
      'globalThis["guard-added"] was added by this file',
      'globalThis[Symbol(guard)] was added by this file',
    ]);
  });
});

describe('isIgnoredGlobal', () => {
  test("ignores only Node's and libraries' process-wide singletons", () => {
    expect(isIgnoredGlobal(Symbol.for('undici.globalDispatcher.1'))).toBe(true);
    expect(isIgnoredGlobal(Symbol.for('signal-exit emitter'))).toBe(true);
    expect(isIgnoredGlobal('undici.globalDispatcher.1')).toBe(false);
    expect(isIgnoredGlobal(Symbol('undici.globalDispatcher.1'))).toBe(false);
    expect(isIgnoredGlobal(Symbol.for('my-cache'))).toBe(false);
  });
});

describe('restoreHostState', () => {
  test('undoes every kind of leak, so the next test starts clean', () => {
    const before = snapshotHostState();
    const listener = () => {};
    try {
      process.env.GUARD_LEAK = '1';
      process.argv.push('--guard-leak');
      process.exitCode = 7;
      process.on('guard-leak', listener);
      (globalThis as Record<string, unknown>).guardLeak = true;
      expect(diffHostState(before, snapshotHostState())).toHaveLength(5);
    } finally {
      restoreHostState(before);
    }
    expect(diffHostState(before, snapshotHostState())).toEqual([]);
    expect(process.exitCode).toBe(before.exitCode);
    expect('guardLeak' in globalThis).toBe(false);
  });
});
