/**
 * The intrinsics and globals the engine calls on paths a script can reach — while it runs, and
 * after it ran but before its world is put back — captured when the library loads, as Node's own
 * internals hold theirs (lib/internal/per_context/primordials.js). A script may replace
 * `Array.prototype.push`, delete `globalThis.setTimeout` or set `globalThis.Set = undefined`:
 * the engine's reports, clean-up and scheduling must not notice.
 *
 * Static functions are plain references (no cost); prototype methods are uncurried
 * (`ArrayPrototypePush(array, item)`), a bound call V8 optimises well. Nothing here allocates per
 * call beyond what the method itself does.
 */

import { Script } from 'node:vm';

type Uncurried<T> = T extends (this: infer Self, ...args: infer A) => infer R ? (self: Self, ...args: A) => R : never;

const uncurryThis = Function.prototype.bind.bind(Function.prototype.call) as <F extends (...args: never[]) => unknown>(
  fn: F,
) => Uncurried<F>;

export const ReflectApply = Reflect.apply;
export const ReflectDefineProperty = Reflect.defineProperty;
export const ReflectDeleteProperty = Reflect.deleteProperty;
export const ReflectGetOwnPropertyDescriptor = Reflect.getOwnPropertyDescriptor;
export const ReflectGetPrototypeOf = Reflect.getPrototypeOf;
export const ReflectOwnKeys = Reflect.ownKeys;
export const ReflectSetPrototypeOf = Reflect.setPrototypeOf;

export const ObjectKeys = Object.keys;
export const ObjectGetOwnPropertySymbols = Object.getOwnPropertySymbols;
export const ObjectGetOwnPropertyDescriptors = Object.getOwnPropertyDescriptors;
export const ObjectDefineProperty = Object.defineProperty;
export const ObjectAssign = Object.assign;
export const ObjectIsExtensible = Object.isExtensible;
export const ObjectHasOwn = Object.hasOwn;
export const ObjectIs = Object.is;

export const ArrayPrototypePush = uncurryThis(Array.prototype.push as (this: unknown[], ...items: unknown[]) => number);
export const ArrayPrototypeJoin = uncurryThis(Array.prototype.join as (this: unknown[], separator?: string) => string);
export const FunctionPrototypeBind = uncurryThis(Function.prototype.bind as (this: Function, self: unknown) => Function) as <F>(
  fn: F,
  self: unknown,
) => F;
export const StringPrototypeStartsWith = uncurryThis(String.prototype.startsWith);
export const SetPrototypeHas = uncurryThis(Set.prototype.has as (this: Set<unknown>, value: unknown) => boolean);
export const SetPrototypeAdd = uncurryThis(Set.prototype.add as (this: Set<unknown>, value: unknown) => Set<unknown>);
export const WeakMapPrototypeGet = uncurryThis(WeakMap.prototype.get as (this: WeakMap<object, unknown>, key: object) => unknown);
export const WeakMapPrototypeSet = uncurryThis(
  WeakMap.prototype.set as (this: WeakMap<object, unknown>, key: object, value: unknown) => WeakMap<object, unknown>,
);
export const MapPrototypeGet = uncurryThis(Map.prototype.get as (this: Map<unknown, unknown>, key: unknown) => unknown);
export const MapPrototypeSet = uncurryThis(
  Map.prototype.set as (this: Map<unknown, unknown>, key: unknown, value: unknown) => Map<unknown, unknown>,
);
export const MapPrototypeDelete = uncurryThis(Map.prototype.delete as (this: Map<unknown, unknown>, key: unknown) => boolean);
export const PromisePrototypeThen = uncurryThis(
  Promise.prototype.then as (this: Promise<unknown>, onFulfilled?: (value: unknown) => unknown, onRejected?: (error: unknown) => unknown) => Promise<unknown>,
);

export const SafeString = String;
export const JsonStringify = JSON.stringify;
export const MathMax = Math.max;
export const SafePromise = Promise;
export const SafeSet = Set;
export const SafeMap = Map;
export const SafeWeakMap = WeakMap;
export const SafeTypeError = TypeError;

/**
 * The global object scripts run against: the isolate's main context, where `vm.compileFunction`
 * compiles them. The library's own `globalThis` is another one when the library was itself
 * loaded into a vm context (vitest's vmThreads pool). Captured here, as a script may assign
 * `globalThis.globalThis`.
 */
export const realGlobal = new Script('globalThis').runInThisContext() as typeof globalThis;
/** The host's process, as the library found it (a script may replace `globalThis.process`). */
export const realProcess = process;

// Timers of the host's, as the library found them: a script (or a test's fake timers, installed
// after the library loaded) may replace the globals; the engine's own scheduling must not move.
export const hostSetTimeout = setTimeout;
export const hostClearTimeout = clearTimeout;
export const hostSetImmediate = setImmediate;
export const hostQueueMicrotask = queueMicrotask;
export const hostNextTick = process.nextTick;

/**
 * Saved descriptors, made safe to define again: without a prototype, a descriptor cannot pick up
 * a `get` or `set` a script put on Object.prototype (which would make defineProperty throw).
 */
export function withoutPrototypes<T extends Record<PropertyKey, PropertyDescriptor>>(descriptors: T): T {
  for (const key of ReflectOwnKeys(descriptors)) ReflectSetPrototypeOf(descriptors[key as keyof T] as object, null);
  return descriptors;
}
