import { installGlobalProcess } from './global-process.js';
import { keepHostStreamGetter } from './host-streams.js';
import { runProcess } from './process.js';
import { currentRun } from './run-state.js';

let installed = false;

/**
 * Code that reaches the real `process` rather than the run's (Node's own modules: `path.resolve`
 * reads `process.cwd()`) still sees the current run's cwd, argv, env and standard streams;
 * `globalThis.process` is the run's own inside a run (global-process.ts). Installed once; outside runs each behaves exactly as before.
 */
export function installHostDispatch(): void {
  if (installed) return;
  installed = true;
  installGlobalProcess();
  // Node's own warnings (deprecations, rejection handling) in a run go to the run's stderr.
  const realEmitWarning = process.emitWarning;
  process.emitWarning = function emitWarning(this: unknown, ...args: unknown[]) {
    const target = currentRun.getStore() ? runProcess : process;
    return (target === process ? realEmitWarning : runProcess.emitWarning).apply(target, args as never);
  } as typeof process.emitWarning;
  const realGetBuiltinModule = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  if (realGetBuiltinModule) {
    (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule = function getBuiltinModule(id) {
      return currentRun.getStore()
        ? (runProcess as unknown as { getBuiltinModule(id: string): unknown }).getBuiltinModule(id)
        : realGetBuiltinModule.call(process, id);
    };
  }
  const realCwd = process.cwd;
  process.cwd = function cwd() {
    const run = currentRun.getStore();
    return run ? run.cwd : realCwd.call(process);
  };
  // Node's own modules write to process.stdout/stderr (execSync's child stderr, for one).
  for (const key of ['stdout', 'stderr', 'stdin'] as const) {
    const descriptor = Object.getOwnPropertyDescriptor(process, key);
    if (!descriptor?.configurable || !descriptor.get) continue;
    const hostGet = descriptor.get;
    keepHostStreamGetter(key, hostGet);
    Object.defineProperty(process, key, {
      configurable: true,
      enumerable: descriptor.enumerable,
      get() {
        return currentRun.getStore() ? runProcess[key] : hostGet.call(process);
      },
    });
  }
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
