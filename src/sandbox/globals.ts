import { restoreRunProcess } from './process.js';

/**
 * Globals a run adds to `globalThis` are removed when it ends (SPEC §3.5), and so is what it sets
 * on the `process` runs share. Runs share one realm, so while runs overlap the names are only
 * noted; they are removed when the last one ends. Enumerable names and all symbols: that is how
 * scripts add globals (`globalThis.x = …`, a sloppy `x = …`, a library's
 * `global[Symbol.for('lib.queue')]`), and listing them costs a microsecond where listing all of
 * the global's names costs ten.
 */
type GlobalKey = string | symbol;

/** The global object's enumerable names and its symbols at one moment. */
export class GlobalsSnapshot {
  readonly names = Object.keys(globalThis);
  readonly symbols = Object.getOwnPropertySymbols(globalThis);

  /** Whether `other` lists exactly the same keys: then nothing was added or removed between. */
  sameAs(other: GlobalsSnapshot): boolean {
    return sameKeys(this.names, other.names) && sameKeys(this.symbols, other.symbols);
  }

  keys(): GlobalKey[] {
    return [...this.names, ...this.symbols];
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
  if (inFlight++ === 0) baseline = current;
  return current;
}

/** Names this run added (since it started); removes them once no run is in flight. */
export function leaveGlobalsScope(before: GlobalsSnapshot): string[] {
  const added: string[] = [];
  const now = new GlobalsSnapshot();
  if (!now.sameAs(before)) {
    const known = new Set(before.keys());
    for (const key of now.keys()) {
      if (!known.has(key)) {
        added.push(String(key));
        pendingRemoval.push(key);
      }
    }
  }
  if (--inFlight === 0) {
    restoreRunProcess();
    if (pendingRemoval.length > 0) {
      const kept = new Set(baseline?.keys());
      for (const key of pendingRemoval) {
        if (!kept.has(key)) Reflect.deleteProperty(globalThis, key);
      }
      pendingRemoval = [];
    }
    baseline = undefined;
  }
  return added;
}

/** Error.prepareStackTrace and stackTraceLimit as a run found them, to put back afterwards. */
export function saveErrorSettings(): () => void {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  return () => {
    if (Error.prepareStackTrace !== prepare) Error.prepareStackTrace = prepare;
    if (Error.stackTraceLimit !== limit) Error.stackTraceLimit = limit;
  };
}
