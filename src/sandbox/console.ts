import { Console } from 'node:console';
import { formatWithOptions } from 'node:util';
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

function fastWrite(stream: 'stdout' | 'stderr') {
  return (...args: unknown[]): void => {
    const run = currentRun.getStore();
    if (!run) {
      (globalThis.console as any)[stream === 'stdout' ? 'log' : 'error'](...args);
      return;
    }
    const full = fullConsoles.get(run);
    if (full) {
      full[stream === 'stdout' ? 'log' : 'error'](...args);
      return;
    }
    const colors = run.options.tty !== undefined;
    run.output.write(stream, `${formatWithOptions({ colors }, ...args)}\n`);
  };
}

function delegate(name: keyof Console) {
  return (...args: unknown[]): unknown => {
    const run = currentRun.getStore();
    const target = run ? fullConsole(run) : globalThis.console;
    return (target[name] as (...a: unknown[]) => unknown)(...args);
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
