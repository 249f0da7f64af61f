import {
  ArrayPrototypePush,
  ObjectGetOwnPropertySymbols,
  ObjectIs,
  ObjectKeys,
  ReflectDefineProperty,
  ReflectDeleteProperty,
  ReflectGetOwnPropertyDescriptor,
  realGlobal,
  SafeSet,
  SafeString,
  SetPrototypeAdd,
  SetPrototypeHas,
} from '../primordials.js';
import { restoreRunConsole } from './console.js';
import { restoreRunProcess } from './process-restore.js';
import { noteStandardGlobals, restoreStandardGlobals } from './standard-globals.js';

/**
 * Globals a run adds to `globalThis` are removed when it ends (SPEC §3.5), standard globals it
 * replaced or deleted are put back (standard-globals.ts), and so is what it sets on the `process`
 * runs share. Runs share one realm, so while runs overlap the names are only noted; they are
 * removed when the last one ends. Enumerable names and all symbols: that is how scripts add
 * globals (`globalThis.x = …`, a sloppy `x = …`, a library's `global[Symbol.for('lib.queue')]`),
 * and listing them costs a microsecond where listing all of the global's names costs ten.
 *
 * A script may have replaced what this code would call (`Object.keys`, `Set.prototype.has`,
 * `Reflect.deleteProperty`): everything here goes through the library's primordials.
 */
type GlobalKey = string | symbol;

/** The global object's enumerable names and its symbols at one moment. */
export class GlobalsSnapshot {
  readonly names = ObjectKeys(realGlobal);
  readonly symbols = ObjectGetOwnPropertySymbols(realGlobal);

  /** Whether `other` lists exactly the same keys: then nothing was added or removed between. */
  sameAs(other: GlobalsSnapshot): boolean {
    return sameKeys(this.names, other.names) && sameKeys(this.symbols, other.symbols);
  }

  /** Every key, in a set (the names, then the symbols). */
  keySet(): Set<GlobalKey> {
    const set = new SafeSet<GlobalKey>();
    for (let i = 0; i < this.names.length; i++) SetPrototypeAdd(set, this.names[i]);
    for (let i = 0; i < this.symbols.length; i++) SetPrototypeAdd(set, this.symbols[i]);
    return set;
  }
}

function sameKeys(a: readonly GlobalKey[], b: readonly GlobalKey[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

let baseline: GlobalsSnapshot | undefined;
let inFlight = 0;
let pendingRemoval: GlobalKey[] = [];

export function enterGlobalsScope(): GlobalsSnapshot {
  const current = new GlobalsSnapshot();
  if (inFlight++ === 0) {
    baseline = current;
    noteStandardGlobals();
  }
  return current;
}

/** Keys of `keys` that `known` lacks, appended to `added` (as text) and to the removal list. */
function noteAdded(keys: readonly GlobalKey[], known: Set<GlobalKey>, added: string[]): void {
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (SetPrototypeHas(known, key)) continue;
    ArrayPrototypePush(added, SafeString(key));
    ArrayPrototypePush(pendingRemoval, key);
  }
}

/** Names this run added (since it started); removes them once no run is in flight. */
export function leaveGlobalsScope(before: GlobalsSnapshot): string[] {
  const added: string[] = [];
  const now = new GlobalsSnapshot();
  if (!now.sameAs(before)) {
    const known = before.keySet();
    noteAdded(now.names, known, added);
    noteAdded(now.symbols, known, added);
  }
  if (--inFlight === 0) {
    restoreRunProcess();
    restoreRunConsole();
    restoreStandardGlobals();
    if (pendingRemoval.length > 0) {
      const kept = baseline?.keySet() ?? new SafeSet<GlobalKey>();
      for (let i = 0; i < pendingRemoval.length; i++) {
        const key = pendingRemoval[i]!;
        if (!SetPrototypeHas(kept, key)) ReflectDeleteProperty(realGlobal, key);
      }
      pendingRemoval = [];
    }
    baseline = undefined;
  }
  return added;
}

/** The Error the library found (a script may replace `globalThis.Error`). */
const SafeError = Error;

/**
 * Error.prepareStackTrace and stackTraceLimit as a run found them, to put back afterwards. Put
 * back by descriptor, never read through what the script left: it may be a throwing getter.
 */
export function saveErrorSettings(): () => void {
  const prepare = SafeError.prepareStackTrace;
  const limit = SafeError.stackTraceLimit;
  return () => {
    // The common case at the cost of two loads: both as found. A try costs nothing until a
    // script's getter throws, and then the descriptors decide.
    try {
      if (SafeError.prepareStackTrace === prepare && SafeError.stackTraceLimit === limit) return;
    } catch {
      // a throwing getter the script defined: put back below
    }
    restoreDataProperty('prepareStackTrace', prepare);
    restoreDataProperty('stackTraceLimit', limit);
  };
}

function restoreDataProperty(key: 'prepareStackTrace' | 'stackTraceLimit', value: unknown): void {
  const now = ReflectGetOwnPropertyDescriptor(SafeError, key);
  if (now && 'value' in now && ObjectIs(now.value, value)) return;
  if (value === undefined) {
    if (now !== undefined) ReflectDeleteProperty(SafeError, key);
    return;
  }
  // Without a prototype, so that nothing a script put on Object.prototype (`get`, `set`) is read
  // as part of the descriptor. A data property keeps its flags; else it gets Node's own.
  const descriptor = now && 'value' in now ? { __proto__: null, value } : { __proto__: null, ...ERROR_SETTING_FLAGS[key], value };
  ReflectDefineProperty(SafeError, key, descriptor as PropertyDescriptor);
}

/** The two properties' flags as Node defines them (prepareStackTrace is not enumerable). */
const ERROR_SETTING_FLAGS = {
  prepareStackTrace: flagsOf('prepareStackTrace', false),
  stackTraceLimit: flagsOf('stackTraceLimit', true),
};

function flagsOf(key: 'prepareStackTrace' | 'stackTraceLimit', enumerable: boolean): PropertyDescriptor {
  const descriptor = ReflectGetOwnPropertyDescriptor(SafeError, key);
  return {
    writable: descriptor?.writable ?? true,
    enumerable: descriptor?.enumerable ?? enumerable,
    configurable: descriptor?.configurable ?? true,
  };
}
