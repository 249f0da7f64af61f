import { runProcess } from './process.js';
import { currentRun } from './run-state.js';

let installed = false;

/**
 * Code that reaches the real `process` rather than the run's (`globalThis.process`, and Node's
 * own modules: `path.resolve` reads `process.cwd()`) still sees the current run's cwd, argv and
 * env. Installed once; outside runs each behaves exactly as before.
 */
export function installHostDispatch(): void {
  if (installed) return;
  installed = true;
  const realCwd = process.cwd;
  process.cwd = function cwd() {
    const run = currentRun.getStore();
    return run ? run.cwd : realCwd.call(process);
  };
  for (const key of ['argv', 'env'] as const) {
    const descriptor = Object.getOwnPropertyDescriptor(process, key);
    if (!descriptor?.configurable) continue;
    let hostValue = descriptor.value ?? descriptor.get?.call(process);
    Object.defineProperty(process, key, {
      configurable: true,
      enumerable: descriptor.enumerable,
      get() {
        return currentRun.getStore() ? runProcess[key] : hostValue;
      },
      set(value) {
        if (currentRun.getStore()) (runProcess as unknown as Record<string, unknown>)[key] = value;
        else hostValue = value;
      },
    });
  }
}
