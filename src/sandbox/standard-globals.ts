import {
  ObjectIs,
  ReflectApply,
  ReflectDefineProperty,
  ReflectGetOwnPropertyDescriptor,
  ReflectGetPrototypeOf,
  ReflectSetPrototypeOf,
  realGlobal,
} from '../primordials.js';

/**
 * Standard globals a script replaces or deletes (`globalThis.setTimeout = …`, `global.Promise =
 * Bluebird`, `delete globalThis.console`, `JSON.stringify = …`, dart2js's `self.process = x`) are
 * put back when the last run in flight ends (SPEC §3.5), as the names a run adds are removed. The
 * values are the ones the host had when the runs began, so that a host's own stub between runs
 * (`vi.stubGlobal`) stays. The names most often replaced, not all 160: each is one
 * inline-cached load in two compiled checks per run (about 0.1 µs together); a dotted name is a
 * property of the original object (`JSON.stringify` of the JSON the host had).
 */
const NAMES = [
  'globalThis', 'global', 'process', 'console', 'Buffer', 'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout',
  'clearInterval', 'clearImmediate', 'queueMicrotask', 'structuredClone', 'Promise', 'Object', 'Function', 'Array',
  'String', 'Number', 'Boolean', 'Symbol', 'Error', 'TypeError', 'RangeError', 'SyntaxError', 'Map', 'Set', 'WeakMap',
  'Reflect', 'Proxy', 'JSON', 'JSON.stringify', 'JSON.parse', 'Math', 'Math.random', 'Date', 'Date.now', 'RegExp',
  'URL', 'URLSearchParams', 'fetch', 'TextEncoder', 'TextDecoder', 'AbortController',
] as const;

type Values = unknown[];

/** `g.x` for a name, `v[i].y` (the original object's property) for `x.y`. */
function readExpression(name: string): string {
  const dot = name.indexOf('.');
  if (dot === -1) return `g.${name}`;
  const base = NAMES.indexOf(name.slice(0, dot) as (typeof NAMES)[number]);
  return `(v[${base}] == null ? undefined : v[${base}].${name.slice(dot + 1)})`;
}

// Compiled once: straight-line loads that V8 caches, where a loop over names would be a
// dictionary lookup each (measured: ~10 times slower).
const capture = new Function('g', 'v', NAMES.map((name, i) => `v[${i}] = ${readExpression(name)};`).join('\n')) as (
  g: typeof globalThis,
  v: Values,
) => void;
const differs = new Function(
  'g',
  'v',
  `return ${NAMES.map((name, i) => `${readExpression(name)} !== v[${i}]`).join(' ||\n')};`,
) as (g: typeof globalThis, v: Values) => boolean;

/** The host's values and descriptors, as runs last found them; and the global's prototype. */
const values: Values = new Array(NAMES.length);
const descriptors: (PropertyDescriptor | undefined)[] = new Array(NAMES.length);
let prototype: object | null = null;

function holderOf(index: number): object | undefined {
  const name = NAMES[index]!;
  const dot = name.indexOf('.');
  if (dot === -1) return realGlobal;
  const base = values[NAMES.indexOf(name.slice(0, dot) as (typeof NAMES)[number])];
  return base !== null && (typeof base === 'object' || typeof base === 'function') ? base : undefined;
}

function keyOf(index: number): string {
  const name = NAMES[index]!;
  return name.slice(name.indexOf('.') + 1);
}

function noteAll(): void {
  capture(realGlobal, values);
  for (let i = 0; i < NAMES.length; i++) {
    const holder = holderOf(i);
    const descriptor = holder === undefined ? undefined : ReflectGetOwnPropertyDescriptor(holder, keyOf(i));
    // Without a prototype: defined again later, it must not pick up a `get` from Object.prototype.
    if (descriptor) ReflectSetPrototypeOf(descriptor, null);
    descriptors[i] = descriptor;
  }
  prototype = ReflectGetPrototypeOf(realGlobal);
}
noteAll();

/** When the first run of a stretch begins: what the host has now is what runs must leave. */
export function noteStandardGlobals(): void {
  if (differs(realGlobal, values) || ReflectGetPrototypeOf(realGlobal) !== prototype) noteAll();
}

/** When the last run in flight ends: a standard global a run replaced or deleted is put back. */
export function restoreStandardGlobals(): void {
  if (ReflectGetPrototypeOf(realGlobal) !== prototype) ReflectSetPrototypeOf(realGlobal, prototype);
  if (!differs(realGlobal, values)) return;
  const now: Values = new Array(NAMES.length);
  capture(realGlobal, now);
  for (let i = 0; i < NAMES.length; i++) {
    if (ObjectIs(now[i], values[i])) continue;
    const holder = holderOf(i);
    const saved = descriptors[i];
    if (holder === undefined || saved === undefined) continue;
    const current = ReflectGetOwnPropertyDescriptor(holder, keyOf(i));
    // The same accessor, returning another value: set through it (Node's `process` keeps its
    // value in a closure; `self.process = x` replaced that).
    if (current && current.get === saved.get && current.set === saved.set && saved.set) {
      ReflectApply(saved.set, holder, [values[i]]);
    } else {
      ReflectDefineProperty(holder, keyOf(i), saved);
    }
  }
}
