/**
 * The chaos battery's known failures: the ONE place where a case that fails today is marked, with
 * its cause. Each must still fail (chaos.test.ts checks it), so the list only shrinks as fixes
 * land: temporary bookkeeping whose goal is an empty list. A cause says what goes wrong, where,
 * and the fix it needs; most are in files the refactor of issue 9 is moving, left to it.
 */

interface Cause {
  /** What goes wrong, and where. */
  why: string;
  /** The fix it needs (the file, and what to do there). */
  fix: string;
}

const causes = {
  THROW_SITE_GUESS: {
    why: "the header of the report for an error thrown inside Node is guessed: node:internal/errors' `throw error;` for ERR_* errors only; Node marks where the error was last thrown: hideStackFrames' rethrow for any error out of a validator (a TypeError from inspecting a revoked proxy), streams/writable:468/482 for a Writable's own checks",
    fix: "traceback.ts (after the refactor): the header from the error's top node:internal frame, and node:internal/errors only when a validator wrapped in hideStackFrames is below it",
  },
  LIB_GLOBALS: {
    why: "engine code a run reaches still calls globals looked up at call time, in files left to the refactor: traceback.ts and stack-traces.ts (`instanceof Error`, `new Set`, `new Map`), registry.ts (`JSON.parse` of a required JSON file, `Object.keys`): a script that replaced or deleted one gets a garbled report or a failed require (the globals themselves are put back after the run)",
    fix: "use src/primordials.ts there too (traceback.ts, stack-traces.ts, source-maps.ts, registry.ts, run.ts's remaining Object.* calls), as the sandbox files now do",
  },
  LIB_PROTOTYPES: {
    why: "engine code a run reaches calls prototype methods the script replaced, in files left to the refactor: traceback.ts (push, map, join, slice, filter, split, replace, exec, spread and for-of over arrays, Object.defineProperty/getOwnPropertyDescriptor with descriptor literals), stack-traces.ts (`Error.prototype.toString.call`), registry.ts (Map#get/set, JSON.parse): the report falls back to `name: message`, or a require fails",
    fix: "primordials in those files (uncurried methods, indexed loops, null-prototype descriptors), as the sandbox files now do; Node's internals do the same",
  },
  NODE_TRAMPOLINE: {
    why: "Node 20's process.callbackTrampoline, which Node routes native callbacks through while any async hook or AsyncLocalStorage is on (the engine's are, during runs), calls a script-replaced Function.prototype.apply: the host dies. A plain `node` with an AsyncLocalStorage entered dies the same way",
    fix: "not reachable from the library (Node's internals): list in the README's limits; report upstream",
  },
  REPLACED_HOOKS: {
    why: "require.extensions and EventEmitter.prototype.emit replaced by the script: node honours them, the engine does not (its loader and its process dispatch hold their own)",
    fix: "registry.ts: consult Module._extensions for a handler the run set; uncaught.ts: let the process dispatch call the prototype's current emit (low priority: hooks of node's own machinery)",
  },
  SYNTAX_REPORTS: {
    why: "syntax-error reports differ from node's: an ESM-looking .js entry that fails to parse either way is reported as CommonJS (Node 20.19+ reports the ES module parse), a .cjs error one line past the end by the wrapper (with a node:internal/vm header), a TypeScript error as a TypeScriptSyntaxError with a node:async_hooks header (at entry) or as `[TypeScriptSyntaxError …] {…}` (imported), acorn's words ('return' outside of function) where V8 says 'Illegal return statement'",
    fix: "loader/compile.ts (format detection as Node's: retry as ESM, report its error), cjs-transform.ts (the wrapper's brace), transform-ts.ts and syntax-error.ts (a SyntaxError with the source header, V8's wording)",
  },
  CONSOLE_LAZY_STREAMS: {
    why: "node's console reads process.stdout and process.env when it writes, so after `delete process.stdout` (or env) console.log throws; the run's console writes to the capture without looking",
    fix: "console.ts: a deleted facade stream (`!('stdout' in runProcess)`) makes the fast path throw Node's TypeError; one `in` per write, to weigh against the warm run",
  },
  UNDOABLE: {
    why: "cannot be undone in-process: a frozen global object; a global defined non-configurable (README limit)",
    fix: "list both in the README's limits and drop these cases, or keep them as the reminder they are",
  },
  UTF8_FS: {
    why: "fs-facade.ts's standardStream turns the bytes of fs.writeSync(1, …) into text alone (chunkToString): a UTF-8 character split across two writes becomes U+FFFD. stdout.write now decodes across writes",
    fix: "fs-facade.ts (after the split): pass the bytes to `run.output.writeBytes(stream, chunk)` and return `chunk.byteLength`",
  },
  WRITE_AFTER_END: {
    why: "stdout.write after stdout.end(): node reports the unhandled 'error' event (node:events header, an `Emitted 'error' event on … at:` trailer); the in-process report is that of a thrown error",
    fix: "traceback.ts: render an error that reached the uncaught handler as an unhandled 'error' event as node does (it carries the emitter's stack)",
  },
  THROW_VS_CREATION: {
    why: "the header marks where the error was created (its stack's top frame), node marks where it was thrown (`throw error` on a later line, a listener's `throw reason`); and Node's `... N lines matching cause stack trace ...` count frames the engine removed before inspecting",
    fix: "a throw site needs V8's message location, out of reach for an error the engine catches (README limit, as for non-Errors); the matching-lines count needs the node:internal frames kept while inspecting and dropped from the text after (traceback.ts)",
  },
  OVERLAP_LEAKED: {
    why: "while runs overlap, leakedGlobals diffs the global object between a run's start and end, so each lists the globals of every run in flight (README: they share one realm)",
    fix: "exact attribution would need a look at the globals at every callback boundary: list the approximation in the README and relax this case",
  },
  REAL_DISK: {
    why: "v8.writeHeapSnapshot writes its file from C++ straight to the real disk (at a path relative to the host's cwd, not the run's)",
    fix: "loader/builtins.ts: the run's v8 writes the snapshot to a temporary file and moves it into the volume at the run's path — or the README lists it beside child processes and addons",
  },
} satisfies Record<string, Cause>;

type CauseName = keyof typeof causes;

/** Case name → the causes it fails by. */
const failing: Record<string, CauseName[]> = {
  "a thrown Error whose cause getter throws": ['THROW_VS_CREATION'],
  "process.exit of a revoked proxy": ['THROW_SITE_GUESS'],
  "globalThis.Error replaced by a plain function, then a TypeError is thrown": ['LIB_GLOBALS'],
  "globalThis.Object set to undefined, then an uncaught error": ['LIB_GLOBALS'],
  "globalThis.JSON set to undefined, then a required JSON file": ['LIB_GLOBALS'],
  "Array.prototype.push replaced by a throwing function leaves console.log working": ['LIB_PROTOTYPES'],
  "Array.prototype.push throwing, then an uncaught error": ['LIB_PROTOTYPES'],
  "Array.prototype.map throwing, then an uncaught error": ['LIB_PROTOTYPES'],
  "Array.prototype.join returning '', then an uncaught error": ['LIB_PROTOTYPES'],
  "Array.prototype.slice throwing, then a timer throws": ['LIB_PROTOTYPES'],
  "String.prototype.split returning [], then an uncaught error": ['LIB_PROTOTYPES'],
  "String.prototype.replace throwing, then an uncaught error": ['LIB_PROTOTYPES'],
  "RegExp.prototype.exec returning null, then an uncaught error": ['LIB_PROTOTYPES'],
  "Function.prototype.apply throwing, then a timer throws": ['NODE_TRAMPOLINE'],
  "Function.prototype.call throwing, then a rejection": ['LIB_PROTOTYPES'],
  "Map.prototype.get and set broken, then require and a rejection": ['LIB_PROTOTYPES'],
  "Object.defineProperty throwing, then an uncaught error": ['LIB_PROTOTYPES'],
  "a function on Object.prototype.get (every descriptor literal inherits it), then an uncaught error": ['LIB_PROTOTYPES'],
  "an emptied Array.prototype[Symbol.iterator], then an uncaught error": ['LIB_PROTOTYPES'],
  "JSON.parse throwing, then a required JSON file": ['LIB_PROTOTYPES'],
  "EventEmitter.prototype.emit replaced (a built-in module's edit), then process.exit(3)": ['REPLACED_HOOKS'],
  "a syntax error in a .ts module imported by a .ts entry": ['SYNTAX_REPORTS'],
  "delete process.stdout, then console.log": ['CONSOLE_LAZY_STREAMS'],
  "delete process.env and process.argv": ['CONSOLE_LAZY_STREAMS'],
  "require.extensions['.js'] replaced stays in its run": ['REPLACED_HOOKS'],
  "a global defined non-configurable is listed, and cannot be removed (README limit)": ['UNDOABLE'],
  "Object.freeze(globalThis) cannot be undone in-process": ['UNDOABLE'],
  "a UTF-8 character split across two fs.writeSync(1) calls": ['UTF8_FS'],
  "process.stdout.write after process.stdout.end()": ['WRITE_AFTER_END'],
  "an error whose cause is itself": ['THROW_VS_CREATION'],
  "a chain of 200 causes": ['THROW_VS_CREATION'],
  "an 'unhandledRejection' listener that rethrows": ['THROW_VS_CREATION'],
  "while runs overlap, each one's leakedGlobals lists only its own": ['OVERLAP_LEAKED'],
  "require(\"v8\").writeHeapSnapshot in memory mode does not write the real disk": ['REAL_DISK'],
};

/** Cases that fail from some Node major on only: name → the first such major. */
const sinceMajor: Record<string, number> = {};

const MAJOR = Number(process.versions.node.split('.')[0]);

/** Case name → why it fails and the fix it needs, in words (what a failing assertion prints), on this Node. */
export const knownFailures: Record<string, string> = Object.fromEntries(
  Object.entries(failing)
    .filter(([name]) => (sinceMajor[name] ?? 0) <= MAJOR)
    .map(([name, names]) => [name, names.map((cause) => `${causes[cause].why} — fix: ${causes[cause].fix}`).join(' | ')]),
);
