/**
 * The chaos driver's view of its own process (SPEC §3.5): everything a hostile run could leave
 * changed — the global object, the intrinsics and their prototypes, built-in modules' exports,
 * `process` (its properties, listeners, argv, env, cwd, exitCode), the host's `console`, Error
 * settings — as a snapshot; the differences between two snapshots in words; and the restore, so
 * that the next case starts in a clean world even after a failure.
 *
 * A script may have broken the very intrinsics this code would use (`Array.prototype.push`,
 * `Map.prototype.get`, `Array.prototype[Symbol.iterator]`), so everything after a run goes through
 * references captured when this module loads, and plain indexed loops (no iterators, no
 * destructuring of arrays).
 */
import { createRequire } from 'node:module';

const uncurry = Function.prototype.bind.bind(Function.prototype.call) as <A extends unknown[], R>(
  fn: (...args: A) => R,
) => (self: unknown, ...args: A) => R;
const { apply, defineProperty, deleteProperty, getOwnPropertyDescriptor, getPrototypeOf, isExtensible, ownKeys, setPrototypeOf } =
  Reflect;
const ObjectIs = Object.is;
const StringOf = String;
const ArrayPush = uncurry(Array.prototype.push) as (array: unknown[], ...items: unknown[]) => number;
const ArrayJoin = uncurry(Array.prototype.join) as (array: unknown[], separator: string) => string;
const SymbolDescription = uncurry(getOwnPropertyDescriptor(Symbol.prototype, 'description')!.get!) as (s: symbol) => string;
const SymbolKeyFor = Symbol.keyFor;
const StringStartsWith = uncurry(String.prototype.startsWith) as (s: string, prefix: string) => boolean;
const JsonStringify = JSON.stringify;

const realGlobal = globalThis;
const realProcess = process;
const hostRequire = createRequire(import.meta.url);
const EventEmitterProto = hostRequire('node:events').EventEmitter.prototype;
const eventNames = uncurry(EventEmitterProto.eventNames) as (emitter: unknown) => (string | symbol)[];
const rawListeners = uncurry(EventEmitterProto.rawListeners) as (emitter: unknown, name: string | symbol) => Function[];
const removeAllListeners = uncurry(EventEmitterProto.removeAllListeners) as (emitter: unknown, name: string | symbol) => void;
const addListener = uncurry(EventEmitterProto.on) as (emitter: unknown, name: string | symbol, fn: Function) => void;
const realCwd = process.cwd;
const realChdir = process.chdir;
const realUmask = process.umask;
const realHasCapture = process.hasUncaughtExceptionCaptureCallback;
const realSetCapture = process.setUncaughtExceptionCaptureCallback;
const exitCodeDescriptor = getOwnPropertyDescriptor(process, 'exitCode');

// Reading the umask warns once (DEP0139): once here, before any case is looked at.
apply(realUmask, realProcess, []);

/** Objects whose own properties and prototype are compared, by the name a message gives them. */
const holders: [label: string, object: object][] = [];

function hold(label: string, value: unknown): void {
  if ((typeof value === 'object' && value !== null) || typeof value === 'function') holders.push([label, value as object]);
}

const INTRINSICS = [
  'Object', 'Function', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'BigInt', 'Error', 'EvalError', 'RangeError',
  'ReferenceError', 'SyntaxError', 'TypeError', 'URIError', 'AggregateError', 'Promise', 'Map', 'Set', 'WeakMap',
  'WeakSet', 'WeakRef', 'FinalizationRegistry', 'RegExp', 'Date', 'ArrayBuffer', 'SharedArrayBuffer', 'DataView',
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array',
  'Float64Array', 'BigInt64Array', 'BigUint64Array', 'JSON', 'Math', 'Reflect', 'Atomics', 'Intl', 'Proxy', 'Buffer',
  'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'EventTarget', 'Event', 'AbortController', 'AbortSignal',
  'console', 'performance', 'WebAssembly',
];
for (const name of INTRINSICS) {
  const value = (realGlobal as Record<string, unknown>)[name];
  hold(name, value);
  hold(`${name}.prototype`, (value as { prototype?: unknown } | undefined)?.prototype);
}
hold('%TypedArray%', getPrototypeOf(Uint8Array));
hold('%TypedArray%.prototype', getPrototypeOf(Uint8Array.prototype));
const arrayIterator = [][Symbol.iterator]();
const protoOf = (value: object): object => getPrototypeOf(value) as object;
hold('%ArrayIteratorPrototype%', getPrototypeOf(arrayIterator));
hold('%IteratorPrototype%', getPrototypeOf(protoOf(arrayIterator)));
hold('%MapIteratorPrototype%', getPrototypeOf(new Map()[Symbol.iterator]()));
hold('%SetIteratorPrototype%', getPrototypeOf(new Set()[Symbol.iterator]()));
hold('%StringIteratorPrototype%', getPrototypeOf(''[Symbol.iterator]()));
hold('%RegExpStringIteratorPrototype%', getPrototypeOf(/a/[Symbol.matchAll]('a')));
const generator = function* () {};
const asyncFunction = async () => {};
const asyncGenerator = async function* () {};
hold('%GeneratorFunction.prototype%', getPrototypeOf(generator));
hold('%GeneratorPrototype%', getPrototypeOf(generator.prototype));
hold('%AsyncFunction.prototype%', getPrototypeOf(asyncFunction));
hold('%AsyncGeneratorFunction.prototype%', getPrototypeOf(asyncGenerator));
hold('%AsyncGeneratorPrototype%', getPrototypeOf(asyncGenerator.prototype));
hold('%AsyncIteratorPrototype%', getPrototypeOf(protoOf(asyncGenerator.prototype)));

const BUILTIN_MODULES = [
  'fs', 'fs/promises', 'path', 'util', 'events', 'stream', 'child_process', 'os', 'timers', 'timers/promises', 'module',
  'vm', 'async_hooks', 'v8', 'worker_threads', 'net', 'http', 'url', 'buffer', 'string_decoder', 'readline', 'tty',
  'crypto', 'assert', 'perf_hooks', 'zlib', 'dns',
];
for (const id of BUILTIN_MODULES) hold(`require('${id}')`, hostRequire(`node:${id}`));
hold('EventEmitter.prototype', EventEmitterProto);
hold('Module._cache', hostRequire('node:module')._cache);
hold('Module._extensions', hostRequire('node:module')._extensions);
hold('stream.Writable.prototype', hostRequire('node:stream').Writable.prototype);
hold('stream.Readable.prototype', hostRequire('node:stream').Readable.prototype);
hold('process.stdout', process.stdout);
hold('process.stderr', process.stderr);
// The global object and process last: their accessors' values are compared too (a setter can
// replace what a getter returns without changing the descriptor: dart2js's `self.process = x`).
const GLOBAL_INDEX = holders.length;
holders.push(['process', realProcess], ['globalThis', realGlobal]);

/** Globals Node or a library creates once per process by design (as test/setup/host-state.ts lists them). */
function isIgnored(label: string, key: string | symbol): boolean {
  if (label === 'process' && (key === '_events' || key === '_eventsCount')) return true; // compared as listeners
  if (label !== 'globalThis' || typeof key !== 'symbol') return false;
  const name = SymbolKeyFor(key);
  return name === 'signal-exit emitter' || name === 'graceful-fs.queue' || (name !== undefined && StringStartsWith(name, 'undici.globalDispatcher.'));
}

interface HolderState {
  proto: object | null;
  extensible: boolean;
  keys: (string | symbol)[];
  descriptors: PropertyDescriptor[];
  /** For accessors of the global object and process: what the getter returned. */
  values: unknown[];
}

export interface WorldState {
  holders: HolderState[];
  listeners: [name: string | symbol, listeners: Function[]][];
  argv: string[];
  env: [string, string | undefined][];
  envObject: unknown;
  cwd: string;
  exitCode: unknown;
  title: string;
  umask: number;
  captureCallback: boolean;
}

const NO_VALUE = Symbol('no value');

function read(object: object, descriptor: PropertyDescriptor): unknown {
  if (!descriptor.get) return NO_VALUE;
  try {
    return apply(descriptor.get, object, []);
  } catch {
    return NO_VALUE;
  }
}

function holderState(index: number): HolderState {
  const label = holders[index]![0];
  const object = holders[index]![1];
  const all = ownKeys(object);
  const state: HolderState = { proto: getPrototypeOf(object), extensible: isExtensible(object), keys: [], descriptors: [], values: [] };
  for (let i = 0; i < all.length; i++) {
    const key = all[i]!;
    if (isIgnored(label, key)) continue;
    const descriptor = getOwnPropertyDescriptor(object, key)!;
    ArrayPush(state.keys, key);
    ArrayPush(state.descriptors, descriptor);
    ArrayPush(state.values, index >= GLOBAL_INDEX ? read(object, descriptor) : NO_VALUE);
  }
  return state;
}

function copyList<T>(list: readonly T[]): T[] {
  const copy: T[] = [];
  for (let i = 0; i < list.length; i++) ArrayPush(copy, list[i]);
  return copy;
}

export function snapshotWorld(): WorldState {
  const states: HolderState[] = [];
  for (let i = 0; i < holders.length; i++) ArrayPush(states, holderState(i));
  const listeners: WorldState['listeners'] = [];
  const names = eventNames(realProcess);
  for (let i = 0; i < names.length; i++) ArrayPush(listeners, [names[i], copyList(rawListeners(realProcess, names[i]!))]);
  const envObject = realProcess.env;
  const env: [string, string | undefined][] = [];
  const envKeys = ownKeys(envObject);
  for (let i = 0; i < envKeys.length; i++) {
    const key = envKeys[i] as string;
    ArrayPush(env, [key, envObject[key]]);
  }
  return {
    holders: states,
    listeners,
    argv: copyList(realProcess.argv),
    env,
    envObject,
    cwd: apply(realCwd, realProcess, []) as string,
    exitCode: exitCodeDescriptor?.get ? apply(exitCodeDescriptor.get, realProcess, []) : realProcess.exitCode,
    title: realProcess.title,
    umask: apply(realUmask, realProcess, []) as number,
    captureCallback: apply(realHasCapture, realProcess, []) as boolean,
  };
}

function keyText(key: string | symbol): string {
  return typeof key === 'symbol' ? `[${StringOf(SymbolDescription(key))}]` : `.${key}`;
}

function indexOfKey(keys: readonly (string | symbol)[], key: string | symbol): number {
  for (let i = 0; i < keys.length; i++) if (keys[i] === key) return i;
  return -1;
}

function sameDescriptor(a: PropertyDescriptor, b: PropertyDescriptor): boolean {
  return (
    ObjectIs(a.value, b.value) &&
    a.get === b.get &&
    a.set === b.set &&
    a.writable === b.writable &&
    a.enumerable === b.enumerable &&
    a.configurable === b.configurable
  );
}

function show(value: unknown): string {
  try {
    if (typeof value === 'string') return JsonStringify(value);
    if (typeof value === 'function') return `function ${StringOf((value as Function).name)}`;
    if (value === null || typeof value !== 'object') return StringOf(value);
    return '[object]';
  } catch {
    return '[unprintable]';
  }
}

/** One change of `after` from `before`, fixed (or noted as unfixable) when `restore` is true. */
function compareHolder(index: number, before: HolderState, restore: boolean, changes: string[]): void {
  const label = holders[index]![0];
  const object = holders[index]![1];
  const now = holderState(index);
  if (now.proto !== before.proto) {
    ArrayPush(changes, `the prototype of ${label} was replaced`);
    if (restore) setPrototypeOf(object, before.proto);
  }
  if (now.extensible !== before.extensible) ArrayPush(changes, `${label} was made non-extensible`);
  for (let i = 0; i < before.keys.length; i++) {
    const key = before.keys[i]!;
    const at = indexOfKey(now.keys, key);
    if (at === -1) {
      ArrayPush(changes, `${label}${keyText(key)} was deleted`);
      if (restore) defineProperty(object, key, before.descriptors[i]!);
    } else if (!sameDescriptor(before.descriptors[i]!, now.descriptors[at]!)) {
      ArrayPush(changes, `${label}${keyText(key)} was replaced (now ${show(now.descriptors[at]!.value ?? now.descriptors[at]!.get)})`);
      if (restore && !defineProperty(object, key, before.descriptors[i]!)) ArrayPush(changes, `${label}${keyText(key)} could not be put back`);
    } else if (!ObjectIs(before.values[i], now.values[at])) {
      ArrayPush(changes, `${label}${keyText(key)} now returns another value (${show(now.values[at])}) through its unchanged accessor`);
      const setter = before.descriptors[i]!.set;
      if (restore && setter) apply(setter, object, [before.values[i]]);
    }
  }
  for (let i = 0; i < now.keys.length; i++) {
    const key = now.keys[i]!;
    if (indexOfKey(before.keys, key) !== -1) continue;
    ArrayPush(changes, `${label}${keyText(key)} was added (${show(now.descriptors[i]!.value ?? now.descriptors[i]!.get)})`);
    if (restore && !deleteProperty(object, key)) ArrayPush(changes, `${label}${keyText(key)} could not be removed`);
  }
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!ObjectIs(a[i], b[i])) return false;
  return true;
}

function compareProcessState(before: WorldState, restore: boolean, changes: string[]): void {
  const names = eventNames(realProcess);
  for (let i = 0; i < before.listeners.length; i++) {
    const name = before.listeners[i]![0];
    const was = before.listeners[i]![1];
    const now = rawListeners(realProcess, name);
    if (sameList(was, now)) continue;
    ArrayPush(changes, `process ${StringOf(typeof name === 'symbol' ? SymbolDescription(name) : name)} listeners changed: ${was.length} → ${now.length}`);
    if (!restore) continue;
    removeAllListeners(realProcess, name);
    for (let j = 0; j < was.length; j++) addListener(realProcess, name, was[j]!);
  }
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    let known = false;
    for (let j = 0; j < before.listeners.length; j++) if (before.listeners[j]![0] === name) known = true;
    if (known) continue;
    ArrayPush(changes, `process ${StringOf(typeof name === 'symbol' ? SymbolDescription(name) : name)} listeners were added: ${rawListeners(realProcess, name).length}`);
    if (restore) removeAllListeners(realProcess, name);
  }
  const argv = realProcess.argv;
  if (!sameList(before.argv, argv)) {
    ArrayPush(changes, `process.argv changed: ${show(ArrayJoin(before.argv, ' '))} → ${show(ArrayJoin(copyList(argv), ' '))}`);
    if (restore) realProcess.argv = copyList(before.argv);
  }
  const envObject = realProcess.env;
  if (envObject !== before.envObject) {
    ArrayPush(changes, 'process.env was replaced by another object');
    if (restore) realProcess.env = before.envObject as NodeJS.ProcessEnv;
  }
  const env = before.envObject as Record<string, string | undefined>;
  const envKeys = ownKeys(env);
  let envChanged = envKeys.length !== before.env.length;
  for (let i = 0; i < before.env.length && !envChanged; i++) if (env[before.env[i]![0]] !== before.env[i]![1]) envChanged = true;
  if (envChanged) {
    ArrayPush(changes, 'process.env was changed');
    if (restore) {
      for (let i = 0; i < envKeys.length; i++) deleteProperty(env, envKeys[i]!);
      for (let i = 0; i < before.env.length; i++) env[before.env[i]![0]] = before.env[i]![1];
    }
  }
  const cwd = apply(realCwd, realProcess, []) as string;
  if (cwd !== before.cwd) {
    ArrayPush(changes, `process.cwd() changed: ${cwd}`);
    if (restore) apply(realChdir, realProcess, [before.cwd]);
  }
  const exitCode = exitCodeDescriptor?.get ? apply(exitCodeDescriptor.get, realProcess, []) : realProcess.exitCode;
  if (!ObjectIs(exitCode, before.exitCode)) {
    ArrayPush(changes, `process.exitCode changed: ${show(exitCode)}`);
    if (restore) {
      if (exitCodeDescriptor?.set) apply(exitCodeDescriptor.set, realProcess, [before.exitCode]);
      else realProcess.exitCode = before.exitCode as number;
    }
  }
  const umask = apply(realUmask, realProcess, []) as number;
  if (umask !== before.umask) {
    ArrayPush(changes, `process.umask() changed: ${umask}`);
    if (restore) apply(realUmask, realProcess, [before.umask]);
  }
  if (apply(realHasCapture, realProcess, []) !== before.captureCallback) {
    ArrayPush(changes, 'an uncaught-exception capture callback was set on the host');
    if (restore) apply(realSetCapture, realProcess, [null]);
  }
  if (realProcess.title !== before.title) {
    ArrayPush(changes, `process.title changed: ${show(realProcess.title)}`);
    if (restore) realProcess.title = before.title;
  }
}

/**
 * What differs from `before`, one sentence per change; with `restore`, each is put back as it
 * was (the process state first: restoring a prototype may need a working `process`).
 */
export function compareWorld(before: WorldState, restore: boolean): string[] {
  const changes: string[] = [];
  // The global object first: a deleted `process` or `Reflect` must be back before the rest.
  for (let i = holders.length - 1; i >= 0; i--) compareHolder(i, before.holders[i]!, restore, changes);
  compareProcessState(before, restore, changes);
  return changes;
}

/** Reads every accessor of the global object and process once: Node's lazy globals become what they stay. */
export function materializeLazyGlobals(): void {
  for (const object of [realGlobal, realProcess] as object[]) {
    for (const key of ownKeys(object)) {
      try {
        (object as Record<string | symbol, unknown>)[key];
      } catch {
        // a getter that throws outside some context: it will throw the same way later
      }
    }
  }
}
