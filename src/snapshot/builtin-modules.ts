/**
 * Which Node builtin module a value is, so that a namespace holding `const fs = require('fs')`
 * shows `[module fs]` rather than a hundred functions. Builtins a run sees as Node's own are
 * found by identity; those a run sees through its own facade (`fs`, `fs/promises`, `console`,
 * `tty`, `child_process`, `process`, `module`) by what they are made of: a facade either inherits
 * from Node's module or carries (nearly) its full set of names. Read only through
 * `process.getBuiltinModule`, never by loading a module a script did not load.
 */

/** Builtins a script commonly binds; none warns when loaded (no `punycode`, `sys`, `constants`). */
const NAMES = [
  'assert',
  'assert/strict',
  'async_hooks',
  'buffer',
  'child_process',
  'cluster',
  'console',
  'crypto',
  'dgram',
  'diagnostics_channel',
  'dns',
  'dns/promises',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'module',
  'net',
  'os',
  'path',
  'path/posix',
  'path/win32',
  'perf_hooks',
  'process',
  'querystring',
  'readline',
  'readline/promises',
  'stream',
  'stream/promises',
  'string_decoder',
  'timers',
  'timers/promises',
  'tls',
  'tty',
  'url',
  'util',
  'util/types',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

/** A facade with fewer names than this is not recognised by its names (too easily a user's object). */
const MIN_NAMES = 8;
/** The share of a builtin's names a facade must carry to be taken for it. */
const MIN_SHARE = 0.9;

interface Builtins {
  byIdentity: Map<unknown, string>;
  byNames: { name: string; keys: Set<string> }[];
}

let builtins: Builtins | undefined;

function loadBuiltins(): Builtins {
  const byIdentity = new Map<unknown, string>();
  const byNames: Builtins['byNames'] = [];
  for (const name of NAMES) {
    let module: unknown;
    try {
      module = process.getBuiltinModule(name);
    } catch {
      continue;
    }
    if ((typeof module !== 'object' && typeof module !== 'function') || module === null || byIdentity.has(module)) continue;
    byIdentity.set(module, name);
    const keys = Object.keys(module);
    if (keys.length >= MIN_NAMES) byNames.push({ name, keys: new Set(keys) });
  }
  return { byIdentity, byNames };
}

/** `fs`, `path`, `fs/promises`… when `value` is that builtin module (or a run's facade of it), else undefined. */
export function builtinModuleName(value: unknown): string | undefined {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  builtins ??= loadBuiltins();
  const { byIdentity, byNames } = builtins;
  // A facade object inherits from Node's module; a function's prototype chain is its superclass
  // (`class Bus extends EventEmitter` is not the module `events`), so functions by identity only.
  let object: object | null = value;
  do {
    const name = byIdentity.get(object);
    if (name !== undefined) return name;
    object = typeof value === 'function' ? null : Reflect.getPrototypeOf(object);
  } while (object !== null);
  if (isConsole(value)) return 'console';
  const keys = Object.keys(value);
  if (keys.length < MIN_NAMES) return undefined;
  for (const { name, keys: known } of byNames) {
    if (keys.length >= known.size * MIN_SHARE && keys.length <= known.size && keys.every((key) => known.has(key))) return name;
  }
  return undefined;
}

/**
 * A console: the run's own has Node's Console methods as its own properties over the prototype of
 * whatever console the host has (vitest's, in a test), so neither identity nor Node's list of
 * names finds it on every Node version and pool. These methods as own properties make a console.
 */
const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table', 'group', 'time', 'count', 'assert'];

function isConsole(value: object): boolean {
  return CONSOLE_METHODS.every((name) => typeof Reflect.getOwnPropertyDescriptor(value, name)?.value === 'function');
}
