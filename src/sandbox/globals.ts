/**
 * Globals a run adds to `globalThis` are removed when it ends (SPEC §3.5). Runs share one realm,
 * so while runs overlap the names are only noted; they are removed when the last one ends.
 */
let baseline: Set<string | symbol> | undefined;
let inFlight = 0;
let pendingRemoval = new Set<string | symbol>();

export function enterGlobalsScope(): Set<string | symbol> {
  const current = new Set(Reflect.ownKeys(globalThis));
  if (inFlight++ === 0) baseline = current;
  return current;
}

/** Names this run added (since it started); removes them once no run is in flight. */
export function leaveGlobalsScope(before: Set<string | symbol>): string[] {
  const added: string[] = [];
  for (const key of Reflect.ownKeys(globalThis)) {
    if (!before.has(key)) {
      added.push(String(key));
      pendingRemoval.add(key);
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
