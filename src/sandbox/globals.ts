/**
 * Globals a run adds to `globalThis` are removed when it ends (SPEC §3.5). Runs share one realm,
 * so while runs overlap the names are only noted; they are removed when the last one ends.
 * Enumerable names and all symbols: that is how scripts add globals (`globalThis.x = …`, a sloppy
 * `x = …`, a library's `global[Symbol.for('lib.queue')]`), and listing them costs a microsecond
 * where listing all of the global's names costs ten.
 */
type GlobalKey = string | symbol;
let baseline: Set<GlobalKey> | undefined;
let inFlight = 0;
let pendingRemoval = new Set<GlobalKey>();

function globalKeys(): GlobalKey[] {
  return [...Object.keys(globalThis), ...Object.getOwnPropertySymbols(globalThis)];
}

export function enterGlobalsScope(): GlobalKey[] {
  const current = globalKeys();
  if (inFlight++ === 0) baseline = new Set(current);
  return current;
}

/** Names this run added (since it started); removes them once no run is in flight. */
export function leaveGlobalsScope(before: GlobalKey[]): string[] {
  const added: string[] = [];
  const now = globalKeys();
  if (now.length !== before.length || now.some((key, index) => key !== before[index])) {
    const known = new Set(before);
    for (const key of now) {
      if (!known.has(key)) {
        added.push(String(key));
        pendingRemoval.add(key);
      }
    }
  }
  if (--inFlight === 0) {
    for (const key of pendingRemoval) {
      if (!baseline?.has(key)) Reflect.deleteProperty(globalThis, key);
    }
    pendingRemoval = new Set();
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
