/**
 * The host process state a test could leak — argv, env, cwd, exitCode, process listeners,
 * globals — as a snapshot, the difference of two snapshots in words, and the restore.
 * host-guard.ts applies it around every test; it lives apart so the comparison is unit-tested.
 */

export interface HostState {
  argv: string[];
  env: Record<string, string | undefined>;
  cwd: string;
  exitCode: typeof process.exitCode;
  /** Raw listeners (`once` wrappers included) per event name: identity is what restores them. */
  listeners: Map<string | symbol, Function[]>;
  /** Own property descriptors of globalThis, by name or symbol, except isIgnoredGlobal ones. */
  globals: Map<string | symbol, PropertyDescriptor>;
}

/**
 * Process-wide singletons that Node or a library creates on first use by design — not leaks of
 * a test. Measured by running the guard over tests that use expect (plain, asymmetric, soft,
 * poll, extend, inline and file snapshots), vi (fn, spyOn, fake timers, stubEnv, stubGlobal),
 * child processes, execa, workers, readline and Node's lazy globals, under Node 20, 22 and 24 in
 * the forks, threads and vmThreads pools. Vitest itself adds nothing to globalThis. Found:
 * - `Symbol(undici.globalDispatcher.1)` (Node 22+; `.2` too on Node 24): the fetch dispatcher
 *   Node's bundled undici installs while vitest imports the test file;
 * - `Symbol(signal-exit emitter)`: execa's signal-exit keeps one emitter for the whole process,
 *   so that every copy of signal-exit finds it;
 * - `Symbol(graceful-fs.queue)`: graceful-fs defines it on `global` as non-configurable, so that
 *   no one, a run's clean-up included, can remove it (README, limits).
 */
export function isIgnoredGlobal(key: string | symbol): boolean {
  if (typeof key !== 'symbol') return false;
  const name = Symbol.keyFor(key);
  return (
    name === 'signal-exit emitter' ||
    name === 'graceful-fs.queue' ||
    (name?.startsWith('undici.globalDispatcher.') ?? false)
  );
}

export function snapshotHostState(): HostState {
  const listeners = new Map<string | symbol, Function[]>();
  for (const name of process.eventNames()) {
    listeners.set(name, [...process.rawListeners(name)]);
  }
  const globals = new Map<string | symbol, PropertyDescriptor>();
  for (const key of Reflect.ownKeys(globalThis)) {
    if (isIgnoredGlobal(key)) continue;
    // a descriptor read never runs a getter, so Node's lazy globals stay lazy
    globals.set(key, Reflect.getOwnPropertyDescriptor(globalThis, key)!);
  }
  return {
    argv: [...process.argv],
    env: { ...process.env },
    cwd: process.cwd(),
    exitCode: process.exitCode,
    listeners,
    globals,
  };
}

const show = (value: unknown): string =>
  value === undefined
    ? 'undefined'
    : typeof value === 'symbol'
      ? String(value)
      : JSON.stringify(value);

const globalName = (key: string | symbol): string =>
  typeof key === 'symbol'
    ? `globalThis[${String(key)}]`
    : /^[A-Za-z_$][\w$]*$/.test(key)
      ? `globalThis.${key}`
      : `globalThis[${JSON.stringify(key)}]`;

const sameList = (a: readonly unknown[], b: readonly unknown[]): boolean =>
  a.length === b.length && a.every((item, index) => item === b[index]);

/**
 * What differs between two snapshots, one sentence per change, in a stable order (argv, env,
 * cwd, exitCode, listeners, globals): `process.env.FOO was added by this test ("1")`.
 * `by` names the culprit in every sentence. Empty when nothing changed.
 */
export function diffHostState(before: HostState, after: HostState, by = 'by this test'): string[] {
  const changes: string[] = [];

  if (!sameList(before.argv, after.argv)) {
    changes.push(`process.argv was changed ${by}: ${show(before.argv)} → ${show(after.argv)}`);
  }

  for (const key of new Set([...Object.keys(before.env), ...Object.keys(after.env)])) {
    const was = before.env[key];
    const now = after.env[key];
    if (!(key in before.env)) changes.push(`process.env.${key} was added ${by} (${show(now)})`);
    else if (!(key in after.env)) changes.push(`process.env.${key} was deleted ${by} (was ${show(was)})`);
    else if (was !== now) changes.push(`process.env.${key} was changed ${by}: ${show(was)} → ${show(now)}`);
  }

  if (before.cwd !== after.cwd) {
    changes.push(`process.cwd() was changed ${by}: ${show(before.cwd)} → ${show(after.cwd)}`);
  }

  if (before.exitCode !== after.exitCode) {
    changes.push(`process.exitCode was changed ${by}: ${show(before.exitCode)} → ${show(after.exitCode)}`);
  }

  for (const name of new Set([...before.listeners.keys(), ...after.listeners.keys()])) {
    const was = before.listeners.get(name) ?? [];
    const now = after.listeners.get(name) ?? [];
    if (was.length < now.length) {
      changes.push(`process ${show(name)} listeners were added ${by}: ${was.length} → ${now.length}`);
    } else if (was.length > now.length) {
      changes.push(`process ${show(name)} listeners were removed ${by}: ${was.length} → ${now.length}`);
    } else if (!sameList(was, now)) {
      changes.push(`process ${show(name)} listeners were replaced ${by} (still ${now.length})`);
    }
  }

  for (const key of before.globals.keys()) {
    if (!after.globals.has(key)) changes.push(`${globalName(key)} was deleted ${by}`);
  }
  for (const key of after.globals.keys()) {
    if (!before.globals.has(key)) changes.push(`${globalName(key)} was added ${by}`);
  }

  return changes;
}

/** Put the host back as `before` recorded it, so the next test starts clean. */
export function restoreHostState(before: HostState): void {
  const now = snapshotHostState();

  if (!sameList(before.argv, now.argv)) process.argv.splice(0, process.argv.length, ...before.argv);

  for (const key of Object.keys(now.env)) {
    if (!(key in before.env)) delete process.env[key];
  }
  for (const [key, value] of Object.entries(before.env)) {
    if (value !== undefined && process.env[key] !== value) process.env[key] = value;
  }

  if (process.cwd() !== before.cwd) {
    try {
      process.chdir(before.cwd);
    } catch {
      // worker threads have no chdir: there a test cannot have changed the cwd either
    }
  }

  if (process.exitCode !== before.exitCode) process.exitCode = before.exitCode;

  for (const name of new Set([...before.listeners.keys(), ...now.listeners.keys()])) {
    const was = before.listeners.get(name) ?? [];
    if (sameList(was, now.listeners.get(name) ?? [])) continue;
    process.removeAllListeners(name);
    for (const listener of was) process.on(name, listener as (...args: unknown[]) => void);
  }

  for (const key of now.globals.keys()) {
    if (!before.globals.has(key)) Reflect.deleteProperty(globalThis, key);
  }
  for (const [key, descriptor] of before.globals) {
    if (!now.globals.has(key)) Reflect.defineProperty(globalThis, key, descriptor);
  }
}
