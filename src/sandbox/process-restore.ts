import { ReflectGetPrototypeOf, ReflectSetPrototypeOf, withoutPrototypes } from '../primordials.js';
import { runProcess } from './process.js';

/**
 * The run's `process` as built above. Runs share it, so what a script sets on it (a wrapped
 * `process.emit` as signal-exit installs, `process.noDeprecation`, a deleted method) must not
 * outlive the runs in flight: {@link restoreRunProcess} puts this back.
 */
const FACADE = withoutPrototypes(Object.getOwnPropertyDescriptors(runProcess) as Record<PropertyKey, PropertyDescriptor>);
const ACCESSOR = Symbol('accessor');
const FACADE_PROTOTYPE = ReflectGetPrototypeOf(runProcess);

/**
 * The facade's enumerable names and its symbols in their current order, and the value of each
 * enumerable data property. Scripts add properties by assignment (enumerable) or under symbols;
 * listing only those costs ~0.1 µs per run where `Reflect.ownKeys` of this object costs ~0.6.
 */
let facadeNames: string[] = [];
let facadeSymbols: symbol[] = [];
let facadeValues: unknown[] = [];

function noteFacadeOrder(): void {
  facadeNames = Object.keys(runProcess);
  facadeSymbols = Object.getOwnPropertySymbols(runProcess);
  facadeValues = facadeNames.map((name) => ('value' in FACADE[name]! ? FACADE[name]!.value : ACCESSOR));
}
noteFacadeOrder();

function facadeChanged(): boolean {
  const names = Object.keys(runProcess);
  const symbols = Object.getOwnPropertySymbols(runProcess);
  if (names.length !== facadeNames.length || symbols.length !== facadeSymbols.length) return true;
  for (let i = 0; i < symbols.length; i++) if (symbols[i] !== facadeSymbols[i]) return true;
  const own = runProcess as unknown as Record<string, unknown>;
  for (let i = 0; i < names.length; i++) {
    if (names[i] !== facadeNames[i]) return true;
    if (facadeValues[i] !== ACCESSOR && own[names[i]!] !== facadeValues[i]) return true;
  }
  return false;
}

/**
 * Removes what scripts added to the runs' `process` and puts back what they replaced, once no run
 * is in flight (as the globals a run adds). A property a script made non-configurable stays. Not
 * looked for, as they would cost every run for changes no script is known to make: a
 * non-enumerable name defined or deleted by itself, an accessor redefined as another accessor.
 */
export function restoreRunProcess(): void {
  if (ReflectGetPrototypeOf(runProcess) !== FACADE_PROTOTYPE) ReflectSetPrototypeOf(runProcess, FACADE_PROTOTYPE);
  if (!facadeChanged()) return;
  // All of it again, in its first order: a key deleted and defined anew would move to the end.
  for (const key of Reflect.ownKeys(runProcess)) Reflect.deleteProperty(runProcess, key);
  for (const key of Reflect.ownKeys(FACADE)) Reflect.defineProperty(runProcess, key, FACADE[key]!);
  noteFacadeOrder();
}
