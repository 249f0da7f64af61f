/**
 * The chaos battery's known failures: the ONE place where a case that fails today is marked, with
 * its cause. Each must still fail (chaos.test.ts checks it), so the list only shrinks as fixes
 * land: temporary bookkeeping whose goal is an empty list. A cause says what goes wrong, where,
 * and the fix it needs.
 */

interface Cause {
  /** What goes wrong, and where. */
  why: string;
  /** The fix it needs (the file, and what to do there). */
  fix: string;
}

const causes = {
  INSPECT_THROWS: {
    why: "the failure path looks at the thrown value with operations that throw for hostile values, outside any try: `error?.code` (watchdog.ts isWatchdogTimeout), `instanceof ExitSignal` (uncaught.ts failRun, process.ts emitExit), `.stack`/`.name`/`instanceof Error`/util.inspect (traceback.ts formatUncaught, withCleanStacks): the exception escapes into the host",
    fix: "guard each look (a brand check for ExitSignal, a try around the watchdog's code read); formatUncaught falls back as Node's C++ reporter does (an empty message plus the --trace-uncaught hint) when inspection throws (traceback.ts, after the refactor)",
  },
  EXIT_LISTENER_THROWS: {
    why: "an 'exit' listener's error on a natural end or inside process.exit escapes emitExit (settle.ts check, process.ts exit): the host gets it, or the run drops Node's report",
    fix: "settle.ts/process.ts: an error from an 'exit' listener fails the run as Node does (exit code 1, the report of that error)",
  },
  SHADOWED_HOST_METHODS: {
    why: "the run's process inherits from the real one: once the script deletes its own exit/kill/reallyExit/abort, the host's method is found underneath and exits, signals or aborts the host",
    fix: "process.ts: a layer between the facade and the real process where those names read undefined inside a run (Node: `process.exit is not a function`)",
  },
  GLOBAL_PROCESS_IS_HOST: {
    why: "`globalThis.process` is the host's own process inside a run (README limit): exit, kill, exitCode, chdir, title, umask, nextTick, listeners and setUncaughtExceptionCaptureCallback reach the host; an assignment through the global's setter (dart2js's `self.process = x`) replaces it for the host and every later run",
    fix: "host-dispatch.ts: replace the global's `process` accessor by one that returns the run's process inside a run and keeps a value assigned in a run for that run only; until then the README lists the gap",
  },
  PROCESS_PROTO: {
    why: "the engine calls EventEmitter methods through the run's process (runProcess.listenerCount, emit, on): a script that replaced its prototype or those methods takes them away from the engine",
    fix: "primordials: settle.ts, uncaught.ts and process.ts call EventEmitter.prototype's methods captured at load, with the facade as `this`",
  },
  LIB_GLOBALS: {
    why: "engine code a run reaches calls globals looked up at call time (setTimeout, setImmediate, queueMicrotask, Promise, Object, String, Set, Map, Buffer, Reflect, JSON, Symbol, TypeError): a script that deleted or replaced one breaks the engine mid-run",
    fix: "src/primordials.ts: the intrinsics and globals the engine uses, captured when the library loads; settle.ts, uncaught.ts, globals.ts, output/stdio/console use them (registry.ts, traceback.ts, stack-traces.ts, source-maps.ts, fs-facade.ts after the refactor)",
  },
  LIB_PROTOTYPES: {
    why: "engine code a run reaches calls prototype methods (push, map, join, slice, filter, split, replace, startsWith, exec, apply, call, bind, Map#get/set, Set#has, WeakMap#set, Object.keys/defineProperty/getOwnPropertyDescriptor/assign, Reflect.ownKeys/deleteProperty, iterators) that the script replaced: the report is garbled, a global leaks, or the exception escapes into the host",
    fix: "primordials (uncurried methods captured at load) on the paths a script reaches after it ran: globals.ts, uncaught.ts, settle.ts, process.ts, console/output/stdio here; traceback.ts, stack-traces.ts, source-maps.ts, registry.ts after the refactor. Node's internals do the same",
  },
  THENABLE_RESULT: {
    why: "the RunResult is resolved through async functions: a `then` on Object.prototype is adopted (runAsMain resolves to the script's value, or rejects with its getter's error)",
    fix: "run.ts (the RunResult's builder, after the refactor): an own non-enumerable `then: undefined` on the result (promise resolution then fulfils with the object itself; one property per run, no allocation)",
  },
  WATCHDOG_CODE: {
    why: "isWatchdogTimeout reads `error.code`, which an error inherits from Object.prototype: a script's `Object.prototype.code = 'ERR_SCRIPT_EXECUTION_TIMEOUT'` turns every uncaught error into a timeout",
    fix: "watchdog.ts: an own-property check of the code (and an `instanceof Error` brand check) before calling it a timeout",
  },
  GLOBALS_NOT_PUT_BACK: {
    why: "leaveGlobalsScope removes the names a run added but never puts back a standard global it replaced or deleted (setTimeout, Promise, console, Map, URL, Buffer, process, globalThis, Error, TypeError, Reflect, Symbol, JSON.stringify, the global's prototype)",
    fix: "globals.ts: the standard globals' descriptors captured at load; once no run is in flight, a compiled identity check of each (inline-cached loads, well under a microsecond) and the changed ones put back",
  },
  CONSOLE_NOT_PUT_BACK: {
    why: "the runs' shared console (runConsole) keeps what a script set on it: `console.log = () => {}` silences every later run, a deleted method stays deleted, a frozen console stays frozen",
    fix: "console.ts: put the facade's methods back once no run is in flight, as restoreRunProcess does for process (a frozen facade needs a fresh object: the registry would have to ask for it per run)",
  },
  PROCESS_FACADE_DELETED: {
    why: "a deleted process.stdout/env/argv on the facade falls through to the real process's dispatching getter, which asks the facade again: infinite recursion (RangeError) instead of node's undefined",
    fix: "host-dispatch.ts: inside a run, its getters read the facade's own property only (undefined when the script deleted it)",
  },
  SYNTAX_REJECTS: {
    why: "a syntax error found while deciding the entry's format (a .js entry, a .ts entry, a BOM and a shebang) rejects runAsMain after enterGlobalsScope: the in-flight count stays up, so from then on no run's globals are removed and process is never put back",
    fix: "run.ts: everything from enterGlobalsScope on in one try/finally that leaves the scope; a throw inside the library becomes a failed RunResult (exit 1, the error, its report) — registry.ts: the format decision must not throw (a syntax error is the run's, reported as node does)",
  },
  SYNTAX_REPORTS: {
    why: "syntax-error reports differ from node: a .cjs error is reported one line past the end by the wrapper (with a node:internal/vm header), a .ts error in an imported module prints as [TypeScriptSyntaxError …] {…}, acorn's words ('return' outside of function) where V8 says 'Illegal return statement'",
    fix: "loader/syntax-error.ts, compile.ts, transform-ts.ts: report the error at V8's position and wording, as a SyntaxError with the source header",
  },
  REPLACED_HOOKS: {
    why: "require.extensions and EventEmitter.prototype.emit replaced by the script: node honours them, the engine does not (its loader and its process emitter hold their own)",
    fix: "registry.ts: consult Module._extensions for unknown handlers set by the run; process.ts: emit through the prototype's current emit (low priority: hooks of node's own machinery)",
  },
  UNDOABLE: {
    why: "cannot be undone in-process: a frozen global object, a non-configurable global (README limit)",
    fix: "list in the README's limits and drop the case, or keep it as the reminder it is",
  },
  UTF8_SPLIT: {
    why: "output.ts decodes each chunk alone (chunkToString): a UTF-8 character split across writes becomes U+FFFD, in stdout.write, fs.writeSync(1) and a stream piped to stdout",
    fix: "output.ts: a StringDecoder per stream in OutputCapture for bytes (writeChunk); stdio.ts uses it; fs-facade.ts's standardStream must pass its bytes to it too (after the refactor)",
  },
  ENCODINGS: {
    why: "CapturedWriteStream is made with decodeStrings: false and treats every string chunk as text: stdout.write(s, 'hex' | 'base64' | 'latin1' | 'utf16le') ignores the encoding",
    fix: "stdio.ts: a string chunk with an encoding other than utf8 is turned into bytes with it (Buffer.from(s, encoding)) and decoded as node's terminal would",
  },
  THROW_SITE_GUESS: {
    why: "the report's header for a Node error thrown at top level is guessed as hideStackFrames' `throw error;` in node:internal/errors; node marks the real internal throw (streams/writable:482, events:502, …) or no internal line at all",
    fix: "traceback.ts: the header from the error's top node:internal frame, and node:internal/errors only for errors thrown through a validator (after the refactor)",
  },
  EXIT_MICROTASKS: {
    why: "microtasks queued inside an 'exit' listener at a natural end are dropped: the output is closed right after the emit; node drains the microtask queue once more",
    fix: "settle.ts: close the output in a microtask queued after the 'exit' emit, so those queued by the listeners run first",
  },
  STDOUT_DESTROY: {
    why: "process.stdout.destroy() really destroys the run's stream: later writes fail silently; node's stdio streams undestroy themselves (dummyDestroy) and go on printing",
    fix: "stdio.ts: _destroy calls back and then _undestroy(), as node's stdio streams do",
  },
  WRITE_AFTER_END: {
    why: "stdout.write after stdout.end(): node reports the unhandled 'error' event (node:events header, 'Emitted 'error' event' trailer); the in-process report is the thrown error's",
    fix: "stdio.ts/traceback.ts: emit the error on the stream as Writable does, and render an unhandled 'error' event as node does",
  },
  NO_STACK_HEADER: {
    why: "the report's `file:line` header and frames come from the error's stack; with Error.stackTraceLimit = 0, a custom prepareStackTrace, or a file whose name needs escaping in a URL (ünï cödé.js), there is none; node takes the throw site from V8's message",
    fix: "traceback.ts/stack-traces.ts: a file name whose URL form differs must still be recognised as the run's (source-maps.ts keys); for stackTraceLimit 0 or a custom prepareStackTrace, keep the run's own structured call sites (captured in the run's prepareStackTrace) to build the header — else a README limit",
  },
  THROW_VS_CREATION: {
    why: "the header marks where the error was created (its stack's top frame); node marks where it was thrown (`throw error` on a later line), and counts the frames below as '... N lines matching cause stack trace ...' which the engine cut before inspecting",
    fix: "traceback.ts: a throw site needs V8's message location (not reachable from JS for an error caught by the engine); the '... lines matching' need the node:internal frames kept while inspecting and dropped after (after the refactor)",
  },
  NON_ERROR_FORMAT: {
    why: "formatUncaught prints a thrown symbol or function with String(); node prints a symbol as an empty message and a function through util.inspect ([Function: name])",
    fix: "traceback.ts: render as node's C++ reporter does: functions and objects through inspect, symbols empty (after the refactor)",
  },
  LISTENER_THROWS: {
    why: "an error thrown by an 'uncaughtException', 'unhandledRejection' or 'beforeExit' listener escapes into the host (emitRunEvent in uncaught.ts dispatchFailure/failRun and settle.ts check are not guarded)",
    fix: "uncaught.ts/settle.ts: catch it and end the run as node does (exit code 7 for an error in an uncaughtException handler, else 1, with the report)",
  },
  OVERLAP_LEAKED: {
    why: "while runs overlap, leakedGlobals diffs the global object between a run's start and end, so each lists the globals of every run in flight (README: they share one realm)",
    fix: "exact attribution would need a look at the globals at every callback boundary of every run: list the approximation in the README and relax the case, or note per name which runs were in flight",
  },
  ERROR_SETTINGS: {
    why: "saveErrorSettings reads and writes Error.prepareStackTrace and stackTraceLimit through whatever the script defined: a throwing getter rejects runAsMain, and the script's accessor stays",
    fix: "globals.ts: save and put back the two properties' descriptors (captured Reflect.getOwnPropertyDescriptor/defineProperty), never their values",
  },
  HOST_STATE_METHODS: {
    why: "the facade inherits process.umask and process.setUncaughtExceptionCaptureCallback from the real process: a script changes the host's umask, or installs a capture callback on the host (and its own error is not captured: exit 1 where node exits 0)",
    fix: "process.ts: a per-run umask and capture callback on the facade (uncaught.ts's failRun consults the run's callback before the report)",
  },
  REJECTION_REASON: {
    why: "an unhandled rejection the run's listeners did not take is handed back to Node, whose own processing inspects the reason in the host (isErrorLike): a revoked proxy throws there, outside any run",
    fix: "uncaught.ts: with no listener of the run's, fail the run with the rejection itself (origin 'rejection') and tell Node it was handled",
  },
  REAL_DISK: {
    why: "v8.writeHeapSnapshot writes its file from C++ straight to the real disk, at a path relative to the host's cwd, not the run's",
    fix: "loader/builtins.ts: the run's v8 writes the snapshot to a temporary file and copies it into the volume at the run's path (or the README lists it)",
  },
} satisfies Record<string, Cause>;

type CauseName = keyof typeof causes;

/** Case name → the causes it fails by. */
const failing: Record<string, CauseName[]> = {
  "a thrown revoked proxy at top level is reported as node reports it": ['INSPECT_THROWS'],
  "a thrown proxy whose get trap throws, at top level": ['INSPECT_THROWS'],
  "a thrown revoked proxy at the top level of an ES module": ['INSPECT_THROWS'],
  "a thrown proxy whose getPrototypeOf trap throws (instanceof Error asks it)": ['INSPECT_THROWS'],
  "a thrown Error whose stack getter throws": ['INSPECT_THROWS'],
  "a thrown Error whose name getter throws": ['INSPECT_THROWS'],
  "a thrown Error whose message getter throws": ['INSPECT_THROWS'],
  "a throwing Error.prepareStackTrace, then an uncaught error": ['INSPECT_THROWS'],
  "a revoked proxy thrown from a timer": ['INSPECT_THROWS'],
  "a proxy whose get trap throws, thrown from a timer": ['INSPECT_THROWS'],
  "an Error with a throwing stack getter thrown from setImmediate": ['INSPECT_THROWS'],
  "a revoked proxy thrown from process.nextTick": ['INSPECT_THROWS'],
  "a proxy whose get trap throws, thrown from queueMicrotask": ['INSPECT_THROWS'],
  "Promise.reject of a revoked proxy": ['REJECTION_REASON'],
  "an async function rejecting with an Error whose name getter throws": ['INSPECT_THROWS'],
  "a thrown object whose util.inspect.custom throws": ['INSPECT_THROWS'],
  "a thrown Error whose cause getter throws": ['INSPECT_THROWS'],
  "a thrown AggregateError holding a revoked proxy": ['INSPECT_THROWS'],
  "an 'exit' listener that throws when the run ends by itself": ['EXIT_LISTENER_THROWS'],
  "an 'exit' listener that throws after process.exit(2)": ['EXIT_LISTENER_THROWS'],
  "an 'exit' listener that throws a revoked proxy": ['EXIT_LISTENER_THROWS', 'INSPECT_THROWS'],
  "an 'uncaughtException' listener that throws a revoked proxy": ['LISTENER_THROWS', 'INSPECT_THROWS'],
  "delete process.exit, then process.exit(3), is a TypeError in the run, not an exit of the host": ['SHADOWED_HOST_METHODS'],
  "delete process.exit in an ES module, then process.exit(3)": ['SHADOWED_HOST_METHODS'],
  "delete process.kill, then process.kill(process.pid) does not signal the host": ['SHADOWED_HOST_METHODS'],
  "delete process.reallyExit, then process.reallyExit(4) does not exit the host": ['SHADOWED_HOST_METHODS'],
  "delete process.abort, then process.abort() does not abort the host": ['SHADOWED_HOST_METHODS'],
  "globalThis.process.exit(4) ends the run, not the host": ['GLOBAL_PROCESS_IS_HOST'],
  "globalThis.process.kill(process.pid) ends the run with SIGTERM, not the host": ['GLOBAL_PROCESS_IS_HOST'],
  "process.exit of a revoked proxy": ['THROW_SITE_GUESS'],
  "the prototype of process set to null, then the run ends by itself": ['PROCESS_PROTO'],
  "delete globalThis.process, then console.log and an uncaught error": ['LIB_GLOBALS', 'GLOBALS_NOT_PUT_BACK'],
  "delete globalThis.setTimeout, then an uncaught error from setImmediate": ['LIB_GLOBALS', 'GLOBALS_NOT_PUT_BACK'],
  "delete globalThis.setImmediate, then a timer throws": ['LIB_GLOBALS', 'GLOBALS_NOT_PUT_BACK'],
  "delete globalThis.queueMicrotask in an ES module, then it rejects": ['GLOBALS_NOT_PUT_BACK'],
  "globalThis.Error replaced by a plain function, then a TypeError is thrown": ['LIB_GLOBALS', 'GLOBALS_NOT_PUT_BACK'],
  "globalThis.Promise set to undefined, then an uncaught error": ['GLOBALS_NOT_PUT_BACK'],
  "globalThis.Object set to undefined, then an uncaught error": ['LIB_GLOBALS', 'GLOBALS_NOT_PUT_BACK'],
  "globalThis.Buffer set to undefined, then bytes written to stdout": ['LIB_GLOBALS', 'GLOBALS_NOT_PUT_BACK'],
  "globalThis.String set to undefined, then a string is thrown": ['LIB_GLOBALS', 'GLOBALS_NOT_PUT_BACK'],
  "globalThis.TypeError set to undefined, then stdout.write(5)": ['GLOBALS_NOT_PUT_BACK', 'THROW_SITE_GUESS'],
  "globalThis.Reflect set to undefined, then a timer throws": ['GLOBALS_NOT_PUT_BACK'],
  "globalThis.Map and Set set to undefined, then a rejection": ['LIB_GLOBALS', 'GLOBALS_NOT_PUT_BACK'],
  "globalThis.Symbol set to undefined, then an uncaught error": ['GLOBALS_NOT_PUT_BACK'],
  "globalThis.JSON set to undefined, then a required JSON file": ['LIB_GLOBALS', 'GLOBALS_NOT_PUT_BACK'],
  "Array.prototype.push replaced by a throwing function leaves console.log working": ['LIB_PROTOTYPES'],
  "Array.prototype.push throwing, then an uncaught error": ['LIB_PROTOTYPES'],
  "Array.prototype.map throwing, then an uncaught error": ['LIB_PROTOTYPES'],
  "Array.prototype.join returning '', then an uncaught error": ['LIB_PROTOTYPES'],
  "Array.prototype.slice throwing, then a timer throws": ['LIB_PROTOTYPES'],
  "Array.prototype.filter throwing, then a rejection": ['LIB_PROTOTYPES'],
  "String.prototype.split returning [], then an uncaught error": ['LIB_PROTOTYPES'],
  "String.prototype.replace throwing, then an uncaught error": ['LIB_PROTOTYPES'],
  "RegExp.prototype.exec returning null, then an uncaught error": ['LIB_PROTOTYPES'],
  "Function.prototype.apply throwing, then a timer throws": ['LIB_PROTOTYPES'],
  "Function.prototype.call throwing, then a rejection": ['LIB_PROTOTYPES'],
  "Map.prototype.get and set broken, then require and a rejection": ['LIB_PROTOTYPES'],
  "Set.prototype.has answering true, then a global added": ['LIB_PROTOTYPES'],
  "WeakMap.prototype.set throwing, then a rejection": ['LIB_PROTOTYPES'],
  "Object.keys answering [], then a global added": ['LIB_PROTOTYPES'],
  "Reflect.deleteProperty doing nothing, then a global added": ['LIB_PROTOTYPES'],
  "Object.defineProperty throwing, then an uncaught error": ['LIB_PROTOTYPES'],
  "Object.getOwnPropertyDescriptor throwing, then an uncaught error": ['LIB_PROTOTYPES'],
  "Object.assign throwing, then process.exitCode = 2": ['LIB_PROTOTYPES'],
  "a function on Object.prototype.get (every descriptor literal inherits it), then an uncaught error": ['LIB_PROTOTYPES'],
  "Object.prototype.then resolving 42 (runAsMain must still resolve to a RunResult)": ['THENABLE_RESULT'],
  "a throwing then getter on Object.prototype": ['THENABLE_RESULT'],
  "an emptied Array.prototype[Symbol.iterator], then console.log": ['LIB_PROTOTYPES'],
  "an emptied Array.prototype[Symbol.iterator], then an uncaught error": ['LIB_PROTOTYPES'],
  "Object.prototype.code set to the watchdog's code, with an explicit timeout, then an uncaught error": ['WATCHDOG_CODE'],
  "JSON.stringify throwing, then console.log of an object": ['GLOBALS_NOT_PUT_BACK'],
  "JSON.parse throwing, then a required JSON file": ['LIB_PROTOTYPES', 'GLOBALS_NOT_PUT_BACK'],
  "Symbol.prototype.toString throwing, then a thrown symbol": ['NON_ERROR_FORMAT'],
  "EventEmitter.prototype.emit replaced (a built-in module's edit), then process.exit(3)": ['REPLACED_HOOKS'],
  "a syntax error in a .js entry that looks like CommonJS": ['SYNTAX_REJECTS'],
  "a syntax error in a .js entry that looks like an ES module": ['SYNTAX_REJECTS'],
  "a syntax error in a .cjs entry that ends too early": ['SYNTAX_REPORTS'],
  "a syntax error in a .ts entry": ['SYNTAX_REJECTS'],
  "a syntax error in a .ts module imported by a .ts entry": ['SYNTAX_REPORTS'],
  "globalThis.setTimeout replaced is put back after the run": ['GLOBALS_NOT_PUT_BACK'],
  "global.Promise replaced by another promise class is put back": ['GLOBALS_NOT_PUT_BACK'],
  "globalThis.console replaced is put back": ['GLOBALS_NOT_PUT_BACK'],
  "delete globalThis.console is put back": ['GLOBALS_NOT_PUT_BACK'],
  "globalThis.Map, URL and Buffer replaced are put back": ['GLOBALS_NOT_PUT_BACK'],
  "globalThis.globalThis replaced is put back": ['GLOBALS_NOT_PUT_BACK'],
  "the prototype of globalThis replaced is put back": ['GLOBALS_NOT_PUT_BACK'],
  "console.log replaced by a no-op (a 'quiet mode') stays in its run": ['CONSOLE_NOT_PUT_BACK'],
  "delete console.log and console.error stay in their run": ['CONSOLE_NOT_PUT_BACK'],
  "console.error replaced, then an uncaught error: the report still reaches stderr": ['CONSOLE_NOT_PUT_BACK'],
  "delete process.stdout, then console.log": ['PROCESS_FACADE_DELETED'],
  "delete process.env and process.argv": ['PROCESS_FACADE_DELETED'],
  "dart2js's `self = Object.create(globalThis); self.process = x` does not replace the host's process": ['GLOBAL_PROCESS_IS_HOST'],
  "globalThis.process assigned does not replace the host's process": ['GLOBAL_PROCESS_IS_HOST'],
  "globalThis.process redefined as a data property is put back": ['GLOBALS_NOT_PUT_BACK'],
  "Error.prepareStackTrace redefined as a throwing getter": ['ERROR_SETTINGS'],
  "Error.stackTraceLimit = 0, then an uncaught error": ['NO_STACK_HEADER'],
  "require.extensions['.js'] replaced stays in its run": ['REPLACED_HOOKS'],
  "process.setUncaughtExceptionCaptureCallback, then an uncaught error": ['HOST_STATE_METHODS'],
  "process.umask(0o077) does not change the host's umask": ['HOST_STATE_METHODS'],
  "globalThis.process.on('exit') is the run's listener": ['GLOBAL_PROCESS_IS_HOST'],
  "globalThis.process.removeAllListeners() does not remove the host's": ['GLOBAL_PROCESS_IS_HOST'],
  "globalThis.process.exitCode = 3 is the run's exit code, not the host's": ['GLOBAL_PROCESS_IS_HOST'],
  "globalThis.process.chdir('/') moves the run only": ['GLOBAL_PROCESS_IS_HOST'],
  "globalThis.process.title set is the run's": ['GLOBAL_PROCESS_IS_HOST'],
  "globalThis.process.nextTick replaced does not reach the host's process": ['GLOBAL_PROCESS_IS_HOST'],
  "a global defined non-configurable is listed, and cannot be removed (README limit)": ['UNDOABLE'],
  "Object.freeze(globalThis) cannot be undone in-process": ['UNDOABLE'],
  "a UTF-8 character split across two stdout.write calls": ['UTF8_SPLIT'],
  "a UTF-8 character split across two stderr.write calls": ['UTF8_SPLIT'],
  "a UTF-8 character split across two fs.writeSync(1) calls": ['UTF8_SPLIT'],
  "a read stream of one-byte chunks piped to stdout": ['UTF8_SPLIT'],
  "stdout.write(s, 'hex')": ['ENCODINGS'],
  "stdout.write(s, 'base64')": ['ENCODINGS'],
  "stdout.write(s, 'latin1')": ['ENCODINGS'],
  "stdout.write(s, 'utf16le')": ['ENCODINGS'],
  "stdout.write with an unknown encoding": ['THROW_SITE_GUESS'],
  "stdout.write of a number": ['THROW_SITE_GUESS'],
  "microtasks and ticks queued inside an 'exit' listener": ['EXIT_MICROTASKS'],
  "console.log after process.stdout.destroy()": ['STDOUT_DESTROY'],
  "process.stdout.write after process.stdout.end()": ['WRITE_AFTER_END'],
  "a byte-order mark and a shebang before an error": ['SYNTAX_REJECTS'],
  "a file name with spaces and non-ASCII letters": ['NO_STACK_HEADER'],
  "a top-level return in an ES module": ['SYNTAX_REPORTS'],
  "throw Symbol('s')": ['NON_ERROR_FORMAT'],
  "throw a function": ['NON_ERROR_FORMAT'],
  "an error whose cause is itself": ['THROW_VS_CREATION'],
  "a chain of 200 causes": ['THROW_VS_CREATION'],
  "Error.prepareStackTrace returning a string, then an uncaught error": ['NO_STACK_HEADER'],
  "a throwing 'uncaughtException' listener": ['LISTENER_THROWS'],
  "an 'unhandledRejection' listener that rethrows": ['LISTENER_THROWS'],
  "a 'beforeExit' listener that throws": ['LISTENER_THROWS'],
  "while runs overlap, each one's leakedGlobals lists only its own": ['OVERLAP_LEAKED'],
  "require(\"v8\").writeHeapSnapshot in memory mode does not write the real disk": ['REAL_DISK'],
};

/** Case name → why it fails and the fix it needs, in words (what a failing assertion prints). */
export const knownFailures: Record<string, string> = Object.fromEntries(
  Object.entries(failing).map(([name, names]) => [name, names.map((cause) => `${causes[cause].why} — fix: ${causes[cause].fix}`).join(' | ')]),
);
