import { ObjectDefineProperty, ReflectApply, ReflectGetOwnPropertyDescriptor, realGlobal } from '../primordials.js';
import { runProcess } from './process.js';
import { currentRun } from './run-state.js';
import { RunSlot } from './run-slot.js';

/** What a run assigned to `globalThis.process` (dart2js's `self.process = process`), for that run only. */
const assigned = new RunSlot<{ value: unknown }>();

let installed = false;

/**
 * `globalThis.process` inside a run is the run's process, as the free variable is: a script that
 * reaches the process through the global (`globalThis.process.exit(4)`, `global.process.on('exit')`,
 * a bundle's `self.process`) must not exit, signal or change the host. An assignment through the
 * global's setter in a run (every dart2js bundle does `var self = Object.create(globalThis);
 * self.process = process`) holds for that run only. Outside runs both behave as Node's own.
 * Installed once; Node's internals hold their own process and never read the global.
 */
export function installGlobalProcess(): void {
  if (installed) return;
  const descriptor = ReflectGetOwnPropertyDescriptor(realGlobal, 'process');
  if (!descriptor?.configurable) return;
  installed = true;
  const hostGet = descriptor.get;
  const hostSet = descriptor.set;
  let hostValue = descriptor.value;
  ObjectDefineProperty(realGlobal, 'process', {
    __proto__: null,
    configurable: true,
    enumerable: descriptor.enumerable,
    get() {
      const run = currentRun.getStore();
      if (run) {
        const own = assigned.get(run);
        return own ? own.value : runProcess;
      }
      return hostGet ? ReflectApply(hostGet, realGlobal, []) : hostValue;
    },
    set(value: unknown) {
      const run = currentRun.getStore();
      if (run) assigned.set(run, { value });
      else if (hostSet) ReflectApply(hostSet, realGlobal, [value]);
      else hostValue = value as typeof hostValue;
    },
  } as PropertyDescriptor);
}
