import { statSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import path from 'node:path';
import { ExitSignal } from '../errors.js';
import { finishError, invalidArgType, nodeError, plainError, systemError } from '../node-errors.js';
import { ReflectApply } from '../primordials.js';
import { hostMethodGuard, processWideMethods } from './process-host-methods.js';
import { currentRun, type RunState } from './run-state.js';
import { volumeOf } from './fs/volume-of.js';
import { CapturedWriteStream, createStdin } from './stdio.js';
import { failFromExitListener } from './report-failure.js';

/**
 * The `process` every module of a run sees (as the free variable `process`, `require('process')`
 * and `import process from 'node:process'`). One object for all runs: it inherits from the real
 * `process` and redirects the per-run parts to the current run (`currentRun`), so that modules
 * shared between runs (`modules: 'shared'`) and callbacks after an await see the right run.
 * Outside any run it behaves as the real `process`.
 */
export const runProcess: NodeJS.Process = Object.create(hostMethodGuard());

const realProcess = process;
const realExitCode = Object.getOwnPropertyDescriptor(process, 'exitCode');

function run(): RunState | undefined {
  return currentRun.getStore();
}

/** Node's own checks on an exit code, with Node's own errors: the real setter validates. */
function validateExitCode(code: unknown): void {
  if (code === undefined || code === null || !realExitCode?.set) return;
  const saved = realProcess.exitCode;
  try {
    realProcess.exitCode = code as number;
  } finally {
    realProcess.exitCode = saved;
  }
}

function exitCodeArgument(run: RunState): number {
  return Number(run.exitCode ?? 0) || 0;
}

/** Emits an event to the current run's `process` listeners (no spread: a script may have emptied the array iterator). */
export function emitRunEvent(event: string, ...args: unknown[]): boolean {
  const list: unknown[] = [event];
  for (let i = 0; i < args.length; i++) list[i + 1] = args[i];
  const emit = runProcess.emit;
  // Node emits nothing when a script took `emit` away (its prototype set to null, say).
  return typeof emit === 'function' ? (ReflectApply(emit, runProcess, list) as boolean) : false;
}

/**
 * Runs the 'exit' listeners once, as Node does on every way out, then makes the run inert. A
 * listener's process.exit() ends the emission; its code stands. An error a listener throws ends
 * the emission too, and is returned: each way out treats it as Node does.
 */
export function emitExit(run: RunState): { error: unknown } | undefined {
  if (run.exitEmitted) return undefined;
  run.exitEmitted = true;
  run.exiting = true;
  run.ending ??= { kind: 'exit' };
  try {
    // Emitted even without listeners: a script may have wrapped process.emit to watch it.
    currentRun.run(run, () => emitRunEvent('exit', exitCodeArgument(run)));
  } catch (error) {
    if (!ExitSignal.is(error)) return { error };
  } finally {
    run.exiting = false;
  }
  return undefined;
}

function endWithSignal(run: RunState, signal: NodeJS.Signals): never {
  const number = osConstants.signals[signal];
  run.ending = { kind: 'signal', signal, code: 128 + number };
  run.output.closed = true;
  throw new ExitSignal(128 + number);
}

function createEnv(values: Record<string, string>): Record<string, string> {
  // Like the real process.env: every value is stored as a string.
  return new Proxy(values, {
    set(target, key, value) {
      if (typeof key === 'symbol') {
        throw new TypeError('Cannot convert a Symbol value to a string');
      }
      target[key] = String(value);
      return true;
    },
    defineProperty(target, key, descriptor) {
      // Node's EnvDefiner (C++): a plain TypeError with a code.
      const accepted = 'value' in descriptor && descriptor.configurable && descriptor.enumerable && descriptor.writable;
      if (typeof key === 'symbol' || !accepted) {
        const message =
          'get' in descriptor || 'set' in descriptor
            ? `'process.env' does not accept an accessor(getter/setter) descriptor`
            : `'process.env' only accepts a configurable, writable, and enumerable data descriptor`;
        throw plainError(message, { code: 'ERR_INVALID_OBJECT_DEFINE_PROPERTY' }, TypeError);
      }
      target[key] = String(descriptor.value);
      return true;
    },
  });
}

/** A stat through the run's filesystem (its volume, unless `fs: 'real'`). */
function statInRun(run: RunState, target: string): { isDirectory(): boolean } | undefined {
  const volume = volumeOf(run);
  if (!volume) return statSync(target, { throwIfNoEntry: false });
  volume.materialize(target);
  try {
    return volume.fs.statSync(target);
  } catch {
    return undefined;
  }
}

function formatWarning(warning: Error & { code?: string }): string {
  const code = warning.code ? `[${warning.code}] ` : '';
  return `(node:${realProcess.pid}) ${code}${warning.name}: ${warning.message}\n`;
}

function emitterField<K extends keyof RunState['emitter']>(key: K): PropertyDescriptor {
  return {
    configurable: true,
    get() {
      const r = run();
      return r ? r.emitter[key] : (realProcess as any)[key];
    },
    set(value) {
      const r = run();
      if (r) r.emitter[key] = value;
      else (realProcess as any)[key] = value;
    },
  };
}

function fallback<T>(name: keyof NodeJS.Process, get: (run: RunState) => T): PropertyDescriptor {
  return {
    configurable: true,
    enumerable: true,
    get() {
      const r = run();
      return r ? get(r) : realProcess[name];
    },
  };
}

Object.defineProperties(runProcess, {
  _events: emitterField('_events'),
  _eventsCount: emitterField('_eventsCount'),
  _maxListeners: emitterField('_maxListeners'),

  argv: {
    configurable: true,
    enumerable: true,
    get() {
      const r = run();
      if (!r) return realProcess.argv;
      r.argv ??= [realProcess.execPath, r.mainPath, ...r.options.argv];
      return r.argv;
    },
    set(value) {
      const r = run();
      if (r) r.argv = value;
      else realProcess.argv = value;
    },
  },
  argv0: fallback('argv0', () => 'node'),
  // Setting the real title would rename the host's process (what `ps` shows): the run keeps its own.
  title: {
    configurable: true,
    enumerable: true,
    get() {
      return run()?.title ?? realProcess.title;
    },
    set(value) {
      const r = run();
      if (r) r.title = String(value);
      else realProcess.title = value;
    },
  },
  execArgv: fallback('execArgv', () => []),
  env: {
    configurable: true,
    enumerable: true,
    get() {
      const r = run();
      if (!r) return realProcess.env;
      r.env ??= createEnv({ ...r.options.env });
      return r.env;
    },
    set(value) {
      const r = run();
      if (r) r.env = createEnv({ ...value });
      else realProcess.env = value;
    },
  },
  exitCode: {
    configurable: true,
    enumerable: true,
    get() {
      const r = run();
      return r ? r.exitCode : realProcess.exitCode;
    },
    set(code) {
      const r = run();
      if (!r) {
        realProcess.exitCode = code;
        return;
      }
      validateExitCode(code);
      if (!r.ended || r.exiting) r.exitCode = code;
    },
  },
  mainModule: fallback('mainModule', (r) => r.mainModule),
  stdout: fallback('stdout', (r) => (r.stdout ??= new CapturedWriteStream(r.output, 'stdout', r.options.tty))),
  stderr: fallback('stderr', (r) => (r.stderr ??= new CapturedWriteStream(r.output, 'stderr', r.options.tty))),
  stdin: fallback('stdin', (r) => (r.stdin ??= createStdin(r.options.stdin))),
});

const methods: Record<string, Function> = {
  cwd(): string {
    const r = run();
    return r ? r.cwd : realProcess.cwd();
  },

  chdir(directory: string): void {
    const r = run();
    if (!r) {
      realProcess.chdir(directory);
      return;
    }
    if (typeof directory !== 'string') throw invalidArgType('directory', 'of type string', directory, methods.chdir);
    const target = path.resolve(r.cwd, directory);
    const stats = statInRun(r, target);
    if (!stats) throw systemError('ENOENT', 'chdir', r.cwd, directory);
    if (!stats.isDirectory()) throw systemError('ENOTDIR', 'chdir', r.cwd, directory);
    r.cwd = target;
  },

  exit(...args: unknown[]): never {
    const r = run();
    if (!r) return realProcess.exit(...(args as [number]));
    r.exitCalled = true;
    if (args.length !== 0 && (!r.ended || r.exiting)) {
      validateExitCode(args[0]);
      r.exitCode = args[0] as number;
    }
    if (!r.ended) {
      r.ending = { kind: 'exit' };
      // Node reports an error an 'exit' listener throws and exits with the code asked for.
      const failed = emitExit(r);
      if (failed) failFromExitListener(r, failed.error);
      r.output.closed = true;
    }
    throw new ExitSignal(r.finalExitCode);
  },

  reallyExit(code?: number): never {
    const r = run();
    if (!r) return (realProcess as unknown as { reallyExit(code?: number): never }).reallyExit(code);
    r.exitCalled = true;
    if (!r.ended) {
      r.exitCode = code ?? 0;
      r.ending = { kind: 'exit' };
      r.output.closed = true;
    }
    throw new ExitSignal(r.finalExitCode);
  },

  abort(): never {
    const r = run();
    if (!r) return realProcess.abort();
    return endWithSignal(r, 'SIGABRT');
  },

  kill(pid: number, signal: string | number = 'SIGTERM'): true {
    const r = run();
    if (!r || (pid !== realProcess.pid && pid !== 0)) return realProcess.kill(pid, signal);
    const name =
      typeof signal === 'number'
        ? (Object.entries(osConstants.signals).find(([, n]) => n === signal)?.[0] as NodeJS.Signals | undefined)
        : (signal as NodeJS.Signals);
    if (signal === 0) return true;
    if (!name || !(name in osConstants.signals)) {
      throw finishError(nodeError('ERR_UNKNOWN_SIGNAL', `Unknown signal: ${signal}`, TypeError), methods.kill!);
    }
    if (runProcess.listenerCount(name) > 0) {
      // A handled signal is delivered asynchronously, as by the kernel.
      setImmediate(() => emitRunEvent(name, name));
      return true;
    }
    return endWithSignal(r, name);
  },

  getBuiltinModule(id: string): unknown {
    const r = run();
    const real = (realProcess as unknown as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
    if (!r) return real?.call(realProcess, id);
    // The run's own versions (fs, process, child_process…), as require() gives them.
    return r.loader.builtinModule(id);
  },

  emitWarning(warning: string | Error, type?: unknown, code?: unknown): void {
    const r = run();
    if (!r) {
      realProcess.emitWarning(warning as string, type as string, code as string);
      return;
    }
    let name = 'Warning';
    let warningCode: string | undefined;
    if (typeof type === 'string') name = type;
    else if (type && typeof type === 'object') {
      const options = type as { type?: string; code?: string };
      name = options.type ?? name;
      warningCode = options.code;
    }
    if (typeof code === 'string') warningCode = code;
    const error =
      typeof warning === 'string' ? Object.assign(new Error(warning), { name }) : (warning as Error & { code?: string });
    if (warningCode !== undefined) (error as Error & { code?: string }).code = warningCode;
    process.nextTick(() => {
      emitRunEvent('warning', error);
      let text = formatWarning(error);
      if (!r.warned) {
        r.warned = true;
        const flag = error.name === 'DeprecationWarning' ? '--trace-deprecation' : '--trace-warnings';
        text += `(Use \`node ${flag} ...\` to show where the warning was created)\n`;
      }
      r.output.write('stderr', text);
    });
  },
};

/**
 * Where Node's own method differs from ours in `name` or `length` (Node 20 to 24): fixed here, not
 * read from the real process, on which a test runner may have put its own (vitest's exit).
 */
const NODE_SHAPES: Record<string, { name?: string; length?: number }> = {
  cwd: { name: 'wrappedCwd' },
  chdir: { name: 'wrappedChdir' },
  exit: { length: 1 },
  reallyExit: { length: 0 },
  kill: { length: 2 },
  emitWarning: { length: 4 },
  umask: { name: 'wrappedUmask' },
};

Object.assign(methods, processWideMethods);

for (const [name, fn] of Object.entries(methods)) {
  const shape = NODE_SHAPES[name];
  if (shape?.name !== undefined) Object.defineProperty(fn, 'name', { value: shape.name });
  if (shape?.length !== undefined) Object.defineProperty(fn, 'length', { value: shape.length });
  Object.defineProperty(runProcess, name, { configurable: true, enumerable: true, writable: true, value: fn });
}
