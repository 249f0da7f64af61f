import { Console } from 'node:console';
import { formatWithOptions } from 'node:util';
import {
  JsonStringify,
  ObjectGetOwnPropertyDescriptors,
  ObjectKeys,
  ReflectApply,
  ReflectDefineProperty,
  ReflectDeleteProperty,
  ReflectGetPrototypeOf,
  ReflectOwnKeys,
  ReflectSetPrototypeOf,
  withoutPrototypes,
} from '../primordials.js';
import { runProcess } from './process.js';
import { currentRun, type RunState } from './run-state.js';
import { RunSlot } from './run-slot.js';

const fullConsoles = new RunSlot<Console>();

/** Node's Console over the run's streams, for what the fast path does not cover (groups, tables). */
function fullConsole(run: RunState): Console {
  let console = fullConsoles.get(run);
  if (!console) {
    console = new Console({ stdout: runProcess.stdout, stderr: runProcess.stderr, colorMode: 'auto' });
    fullConsoles.set(run, console);
  }
  return console;
}

/** The library's own realm's console as it is now (a test runner's): outside runs, the facade writes there. */
const libraryGlobal = globalThis;
function hostConsole(): Console {
  return libraryGlobal.console;
}

/** `[first, ...rest]` without a spread, which would iterate (a script may have emptied the array iterator). */
function prepend(first: unknown, rest: ArrayLike<unknown>): unknown[] {
  const list: unknown[] = [first];
  for (let i = 0; i < rest.length; i++) list[i + 1] = rest[i];
  return list;
}

function fastWrite(stream: 'stdout' | 'stderr') {
  const method = stream === 'stdout' ? 'log' : 'error';
  return (...args: unknown[]): void => {
    const run = currentRun.getStore();
    if (!run) {
      const host = hostConsole();
      ReflectApply(host[method], host, args);
      return;
    }
    const full = fullConsoles.get(run);
    if (full) {
      ReflectApply(full[method], full, args);
      return;
    }
    const colors = run.options.tty !== undefined;
    run.output.write(stream, `${ReflectApply(formatWithOptions, undefined, prepend({ colors }, args)) as string}\n`);
  };
}

function delegate(name: keyof Console) {
  return (...args: unknown[]): unknown => {
    const run = currentRun.getStore();
    const target = run ? fullConsole(run) : hostConsole();
    return ReflectApply(target[name] as (...a: unknown[]) => unknown, target, args);
  };
}

/**
 * The `console` every module of a run sees. One object for all runs, writing to the current
 * run's stdout/stderr. log/info/debug/warn/error format straight into the capture (the common
 * case, and the cheap one); everything else goes through a Node `Console` made for the run on
 * first use, which then takes over so that groups indent every later line.
 */
export const runConsole: Console = Object.create(Object.getPrototypeOf(globalThis.console));

const template = new Console({ stdout: process.stdout });
for (const name of Object.keys(template) as (keyof Console)[]) {
  if (typeof template[name] !== 'function') continue;
  const value =
    name === 'log' || name === 'info' || name === 'debug'
      ? fastWrite('stdout')
      : name === 'warn' || name === 'error'
        ? fastWrite('stderr')
        : delegate(name);
  // Node's are distinct functions named as their key (console.log.name is 'log').
  Object.defineProperty(value, 'name', { value: name });
  Object.defineProperty(runConsole, name, { configurable: true, enumerable: true, writable: true, value });
}

/**
 * The console as built above. Runs share it, so what a script sets on it (`console.log = () =>
 * {}`, a quiet mode) or deletes must not outlive the runs in flight: {@link restoreRunConsole}
 * puts this back, as restoreRunProcess does for process.
 */
const FACADE = withoutPrototypes(ObjectGetOwnPropertyDescriptors(runConsole) as Record<PropertyKey, PropertyDescriptor>);
const FACADE_NAMES = ObjectKeys(runConsole);
const FACADE_PROTOTYPE = ReflectGetPrototypeOf(runConsole);
const FACADE_VALUES = FACADE_NAMES.map((name) => FACADE[name]!.value as unknown);

/**
 * Whether a method of the facade was replaced or deleted: one compiled check of named loads
 * (inline-cached: the facade is one object), nothing allocated, as it runs after every run. A
 * name a script only added is not looked for.
 */
const consoleChanged = new Function(
  'c',
  'v',
  `return ${FACADE_NAMES.map((name, i) => `c[${JsonStringify(name)}] !== v[${i}]`).join(' || ') || 'false'};`,
).bind(undefined, runConsole, FACADE_VALUES) as () => boolean;

/**
 * Puts back what scripts replaced or deleted on the runs' console (and what they added, then), once no run is in
 * flight. A frozen console cannot be put back (README).
 */
export function restoreRunConsole(): void {
  if (ReflectGetPrototypeOf(runConsole) !== FACADE_PROTOTYPE) ReflectSetPrototypeOf(runConsole, FACADE_PROTOTYPE);
  if (!consoleChanged()) return;
  const keys = ReflectOwnKeys(runConsole);
  for (let i = 0; i < keys.length; i++) ReflectDeleteProperty(runConsole, keys[i]!);
  const facadeKeys = ReflectOwnKeys(FACADE);
  for (let i = 0; i < facadeKeys.length; i++) ReflectDefineProperty(runConsole, facadeKeys[i]!, FACADE[facadeKeys[i]!]!);
}
