/**
 * The node-vs-in-process table: every row runs under real `node` (runInNode) and in-process
 * (runAsMain) and must give the same exit code, stdout and stderr (SPEC §2, §3.6), and the same
 * `result.files` for rows that seed `files`.
 * `file` and `cwd` are relative to fixtures/fidelity; `cwd` defaults to that directory.
 */
export interface FidelityCase {
  name: string;
  file: string;
  argv?: string[];
  stdin?: string;
  env?: Record<string, string>;
  cwd?: string;
  /**
   * The run's seeded files (relative to cwd). A row with `files` also compares `result.files`:
   * real node then runs in runInNode's temporary tree and never writes into the repository.
   */
  files?: Record<string, string | null>;
  /**
   * A difference from node that the in-process run cannot avoid, documented in the README. The
   * test then asserts exactly that difference and nothing more.
   */
  divergence?: 'throw-site-of-a-non-error';
}

export const fidelityCases: FidelityCase[] = [
  // CommonJS
  { name: 'CJS require of a relative file and of builtins', file: 'cjs-require.cjs' },
  { name: 'CJS module.exports replaced and exports extended', file: 'cjs-module-exports.cjs' },
  { name: 'CJS require.main is the main module, not a required one', file: 'cjs-require-main.cjs' },
  { name: 'CJS __filename and __dirname', file: 'cjs-filename-dirname.cjs' },
  { name: 'CJS require.resolve of files, builtins, packages and a missing file', file: 'cjs-require-resolve.cjs' },
  { name: 'CJS require.cache keys and re-evaluation after delete', file: 'cjs-require-cache.cjs' },
  { name: 'CJS require.resolve.paths: bare, relative, builtin, after module.paths changes, from createRequire', file: 'cjs-require-resolve-paths.cjs' },
  { name: 'createRequire from an ES module requires CJS and JSON', file: 'esm-create-require.mjs' },

  // ES modules
  { name: 'ESM named, default and namespace imports and exports', file: 'esm-import-export.mjs' },
  { name: 'ESM live bindings follow the exporting module', file: 'esm-live-bindings.mjs' },
  { name: 'ESM circular imports evaluate in order with a TDZ', file: 'esm-circular.mjs' },
  { name: 'ESM top-level await, also in an imported module', file: 'esm-tla.mjs' },
  { name: 'ESM top-level await that never settles exits 13', file: 'tla-unsettled.mjs' },
  { name: 'ESM top-level await stuck in a dependency exits 13', file: 'tla-unsettled-in-dependency.mjs' },
  { name: 'ESM dynamic import of ESM, CJS, a builtin and a missing file', file: 'esm-dynamic-import.mjs' },
  { name: 'ESM import.meta url, filename, dirname and resolve', file: 'esm-import-meta.mjs' },
  { name: "ESM JSON import with { type: 'json' }", file: 'esm-json-import.mjs' },
  { name: 'ESM import of CJS named exports', file: 'esm-import-cjs.mjs' },
  { name: 'ESM: the report of a failed call of an imported name names it as written', file: 'esm-imported-call-fails.mjs' },
  { name: 'CJS require of an ES module, and of one with top-level await', file: 'esm-require-esm.cjs' },
  { name: 'CJS dynamic import() of an ES module', file: 'interop-dynamic-import-from-cjs.cjs' },
  { name: 'ESM default import of a CJS module flagged __esModule', file: 'interop-es-module-flag.mjs' },
  { name: "require(esm)'s namespace re-exported by tslib's __exportStar: data descriptors, live values", file: 'esm-namespace-copied-by-tslib.cjs' },
  { name: 'a namespace and a require function under Reflect: define, delete, set, seal, key order', file: 'esm-namespace-reflection.mjs' },
  { name: "require('fs') under reflection: descriptors, name and length, keys, delete, assign", file: 'fs-module-reflection.cjs' },
  { name: 'the names and lengths of require, console, process and node:module functions', file: 'function-names.cjs' },
  { name: 'process.title set by the script reads back as set', file: 'process-title.cjs' },
  { name: "Node's own errors: class, [CODE] header, message and keys of process, require and createRequire errors", file: 'node-error-wording.cjs' },
  { name: "an uncaught require of a missing module: the report names Node's CommonJS loader", file: 'uncaught-require-missing.cjs' },
  { name: "an uncaught static import of a missing package: the report names Node's resolver", file: 'uncaught-import-missing-package.mjs' },
  { name: "an uncaught static import of a missing file: the report names Node's resolver", file: 'uncaught-import-missing-file.mjs' },
  { name: 'an uncaught static import of a directory', file: 'uncaught-import-directory.mjs' },
  { name: 'an unhandled dynamic import of a missing package', file: 'unhandled-import-missing-package.mjs' },
  { name: 'error.stack shows the frames node shows, in functions, listeners, timers, ticks, fs callbacks and fs errors', file: 'error-stack-frames.cjs' },
  { name: 'CJS import() with a comment or line break before its parenthesis, in main and required code', file: 'cjs-import-with-comments.cjs' },
  { name: 'a shebang line is ignored', file: 'shebang.js' },

  // TypeScript
  { name: 'TypeScript ES module with types, generics and a .js specifier for a .ts file', file: 'ts-esm.ts' },
  { name: 'TypeScript extensionless import resolves to .ts', file: 'ts-extensionless-import.ts' },
  { name: 'TypeScript .cts with import = require and export =', file: 'ts-cts.cts' },
  { name: 'TypeScript .mts is an ES module', file: 'ts-mts.mts' },
  { name: 'TypeScript enums, string enums and const enums', file: 'ts-enum.ts' },
  { name: 'TypeScript namespaces, nested and merged', file: 'ts-namespace.ts' },
  { name: 'TypeScript uncaught error reports the .ts line', file: 'ts-throw.ts' },
  { name: 'TypeScript legacy decorators with runtime helpers', file: 'ts-decorators.ts' },
  { name: 'TypeScript .ts in a "type": "commonjs" package requires .ts files', file: 'ts-commonjs/main.ts' },
  { name: 'TypeScript .ts with no "type" and ESM syntax runs as an ES module', file: 'ts-detect/main.ts' },

  // Packages
  {
    name: 'a directory runs its extensionless bin in a "type": "module" package',
    file: 'esm-pkg',
    argv: ['--flag', 'value'],
  },
  { name: 'package "exports" conditions, subpaths and blocked paths', file: 'pkg-exports/main.mjs' },
  { name: 'package "imports" with conditions and a missing one', file: 'pkg-imports/main.js' },

  // Exit paths
  { name: 'process.exit(3) exits 3 and nothing after it runs', file: 'exit-code.js', argv: ['3'] },
  { name: 'process.exit(0) exits 0 and nothing after it runs', file: 'exit-code.js', argv: ['0'] },
  { name: 'process.exit() with no code exits 0', file: 'exit-no-argument.js' },
  { name: 'process.exitCode = 5 is the exit code when the script ends', file: 'exit-code-property.js' },
  { name: 'process.exitCode = 4 then process.exit() exits 4', file: 'exit-code-then-exit.js' },
  { name: 'process.exit right after 100 lines of output keeps all of them', file: 'exit-after-output.cjs' },
  { name: 'process.exit inside try/finally: the finally block never prints', file: 'exit-in-try-finally.js' },
  { name: "an 'exit' listener prints and changes the exit code", file: 'exit-listener.js' },
  { name: "'exit' listeners run on process.exit, their timers do not", file: 'exit-listener-on-exit-call.js' },
  { name: "'beforeExit' can schedule more work before 'exit'", file: 'exit-events.js' },
  { name: 'an uncaught Error in an ES module exits 1 with a report', file: 'uncaught-error.js' },
  { name: 'an uncaught TypeError in CommonJS exits 1 with a report', file: 'uncaught-error.cjs' },
  { name: 'an error thrown in a timer callback exits 1', file: 'uncaught-in-timer.js' },
  // A thrown value that is not an Error carries no stack: where it was thrown is V8's secret.
  { name: 'an uncaught thrown string', file: 'throw-string.cjs', divergence: 'throw-site-of-a-non-error' },
  { name: 'an uncaught thrown plain object', file: 'throw-object.js', divergence: 'throw-site-of-a-non-error' },
  { name: 'an uncaught thrown null', file: 'throw-null.cjs', divergence: 'throw-site-of-a-non-error' },
  { name: 'an uncaught thrown symbol', file: 'throw-symbol.cjs', divergence: 'throw-site-of-a-non-error' },
  { name: 'an uncaught thrown function', file: 'throw-function.cjs', divergence: 'throw-site-of-a-non-error' },
  { name: 'an uncaught thrown object whose util.inspect.custom throws', file: 'throw-object-custom-inspect-throws.cjs', divergence: 'throw-site-of-a-non-error' },
  { name: 'an uncaught Error whose name getter throws', file: 'uncaught-error-name-getter-throws.cjs' },
  { name: 'an uncaught Error whose message getter throws', file: 'uncaught-error-message-getter-throws.cjs' },
  { name: 'an uncaught AggregateError holding a revoked proxy', file: 'uncaught-aggregate-of-revoked-proxy.cjs' },
  { name: 'an uncaught Error with its own util.inspect.custom, which the report does not call', file: 'uncaught-error-custom-inspect.cjs' },
  { name: 'an uncaught Error nesting deeper than the default depth', file: 'uncaught-deep-error.cjs' },
  { name: "an uncaught error thrown inside Node's streams: the report names its throw", file: 'uncaught-stream-argument-error.cjs' },
  { name: "process.exit('abc') throws ERR_INVALID_ARG_TYPE", file: 'exit-invalid-arg.js' },
  { name: 'process.exitCode validates its value', file: 'exit-code-invalid.cjs' },

  // Process and I/O
  { name: 'argv after the script', file: 'argv.js', argv: ['one', '--two', 'three four', ''] },
  { name: 'argv is empty with no arguments', file: 'argv.js' },
  { name: 'env is merged over the host environment', file: 'env.js', env: { FIDELITY_GREETING: 'hello from env' } },
  { name: 'process.cwd() is the run cwd and relative paths resolve against it', file: 'cwd.js', cwd: 'esm-pkg' },
  {
    name: 'stdin read with fs.readFileSync(0)',
    file: 'stdin-read-file-sync.cjs',
    stdin: 'first line\nsecond line\n',
  },
  { name: "stdin read with 'data' and 'end' events", file: 'stdin-events.js', stdin: 'alpha\nbeta\ngamma' },
  { name: "empty stdin still ends with 'end'", file: 'stdin-events.js' },
  { name: 'console and process.stdout/stderr writes, with format specifiers', file: 'output-order.js' },
  { name: 'console.table of arrays, objects and a non-tabular value', file: 'console-table.js' },
  { name: 'console.dir and console.log of objects, classes, collections', file: 'console-dir.js' },

  // Errors
  { name: 'an uncaught error with a cause chain', file: 'error-cause.js' },
  { name: 'an uncaught error with a string cause', file: 'error-cause-string.cjs' },
  { name: 'an uncaught AggregateError', file: 'aggregate-error.js' },
  { name: 'an uncaught error of a custom class with own properties', file: 'error-custom-class.cjs' },
  { name: 'a SyntaxError in a CommonJS script', file: 'syntax-error.cjs' },
  { name: 'a SyntaxError in an ES module', file: 'syntax-error.mjs' },
  { name: 'a SyntaxError where a CommonJS file ends too early: its last line, not the wrapper', file: 'syntax-error-unfinished.cjs' },
  { name: 'a SyntaxError in a .js file of no declared type that is no module syntax: reported as CommonJS', file: 'untyped/syntax-error-script.js' },
  { name: "a top-level return in an ES module: V8's words", file: 'syntax-error-module-return.mjs' },
  { name: 'a .js ES module of no declared type, importing another: Node warns of the package.json once', file: 'untyped/typeless-module.js' },
  { name: 'an ES module exporting a name it does not declare', file: 'syntax-error-export-undeclared.mjs' },
  { name: 'an ES module using a keyword as a name', file: 'syntax-error-keyword-name.mjs' },

  // Async
  { name: 'timers, intervals and microtasks run in order', file: 'timers-order.cjs' },
  { name: 'in an ES module promise jobs run before nextTick', file: 'microtask-order.mjs' },
  { name: 'a promise chain with catch, finally, all, race and allSettled', file: 'promise-chain.js' },
  { name: 'an unhandled rejection exits 1 with a report', file: 'unhandled-rejection.js' },
  { name: 'an unhandled rejection with a string reason', file: 'unhandled-rejection-string.cjs' },
  { name: "an 'unhandledRejection' listener handles it and sets exitCode", file: 'unhandled-rejection-handled-late.js' },

  // commander
  { name: 'commander --help', file: 'commander-cli.js', argv: ['--help'] },
  { name: 'commander subcommand --help', file: 'commander-cli.js', argv: ['greet', '--help'] },
  { name: 'commander --version', file: 'commander-cli.js', argv: ['--version'] },
  { name: 'commander unknown option is an error', file: 'commander-cli.js', argv: ['--nope'] },
  { name: 'commander missing argument is an error', file: 'commander-cli.js', argv: ['greet'] },
  { name: 'commander subcommand with an action', file: 'commander-cli.js', argv: ['-v', 'greet', 'Ann', '--loud'] },
  { name: 'commander async action', file: 'commander-cli.js', argv: ['wait', '5'] },
  { name: 'commander program.error with an exit code', file: 'commander-cli.js', argv: ['fail'] },

  // yargs
  { name: 'yargs --help', file: 'yargs-cli.js', argv: ['--help'] },
  { name: 'yargs with no command is an error', file: 'yargs-cli.js' },
  { name: 'yargs demanded option missing is an error', file: 'yargs-cli.js', argv: ['greet'] },
  { name: 'yargs command with positionals', file: 'yargs-cli.js', argv: ['add', '2', '3'] },
  { name: 'yargs async command handler', file: 'yargs-cli.js', argv: ['greet', '--name', 'Ann'] },
  { name: 'yargs unknown argument in strict mode', file: 'yargs-cli.js', argv: ['add', '1', '2', '--what'] },

  // ---------------------------------------------------------------------------------------------
  // Published packages (issue 11): each row the smallest repro of a difference the corpus found.
  // Fixtures in fixtures/fidelity/corpus/.
  // ---------------------------------------------------------------------------------------------
  { name: "a main script whose 'use strict' has no semicolon", file: 'corpus/use-strict-no-semicolon.cjs' },
  { name: 'eval and new Function code name the line of their caller in err.stack', file: 'corpus/eval-origin.cjs' },
  { name: 'calls of imported functions: no ASI hazard, and the column of the callee', file: 'corpus/esm-imported-calls.mjs' },
  { name: 'a .js file of no declared type that parses as neither kind reports its SyntaxError', file: 'corpus/untyped/syntax-error.js' },
  { name: 'a callback on process.stdin runs on a Socket, as its frame shows', file: 'corpus/stdin-callback-frame.cjs', stdin: 'some input' },
  { name: 'a bin below a type-only package.json reads its package\'s own package.json', file: 'corpus/nested-type/dist/esm/bin.mjs' },
  { name: 'synchronous crypto keeps nothing pending; asynchronous crypto is waited for', file: 'corpus/sync-crypto.cjs' },
  { name: "a native addon's async work keeps the run alive until its promise settles", file: 'corpus/addon-async-work.mjs' },
  { name: 'the stacks of fs callback errors and of errors made in the callback', file: 'corpus/fs-callback-stack.cjs' },
  { name: 'an ES module importing a package that is not installed', file: 'corpus/missing-package.mjs' },
  { name: "require() of a missing file: the report names node's loader as the throw site", file: 'corpus/missing-module-throw-site.cjs' },

  // ---------------------------------------------------------------------------------------------
  // Lifecycle (issue 3, SPEC §3.5–§3.8): how a run ends and what keeps it alive.
  // Fixtures in fixtures/fidelity/lifecycle/, each checked against real node.
  // ---------------------------------------------------------------------------------------------

  // Timers and immediates
  { name: 'a chain of timers, each setting the next, runs to its last link', file: 'lifecycle/timer-chain.js' },
  { name: 'an interval cleared after three ticks lets the run end', file: 'lifecycle/interval-cleared.js' },
  { name: 'unref()ed timers and intervals do not keep the run alive', file: 'lifecycle/timer-unref.js' },
  { name: 'a timer unref()ed then ref()ed again keeps the run alive', file: 'lifecycle/timer-ref-again.js' },
  { name: 'an unref()ed interval ticks while a ref()ed timeout keeps the run alive', file: 'lifecycle/interval-unref-alongside.js' },
  { name: 'a cleared timer keeps nothing alive; refresh() postpones a timer', file: 'lifecycle/timer-cleared.js' },
  { name: 'a setImmediate chain with the ticks and promise jobs each step queues', file: 'lifecycle/immediate-chain.js' },
  { name: 'node:timers/promises timeout, immediate, interval iterator and abort', file: 'lifecycle/timers-promises.js' },

  // Sockets and servers
  { name: 'a net server on port 0 accepts one connection from the script, then closes', file: 'lifecycle/net-server-one-connection.js' },
  { name: 'an http server answers a request to itself, then closes', file: 'lifecycle/http-server-self-request.js' },
  { name: 'an unref()ed listening server does not keep the run alive', file: 'lifecycle/server-unref.js' },
  { name: 'a closed server stays alive until its open connection ends', file: 'lifecycle/server-close-waits-for-connection.js' },
  { name: 'a connection to a closed port fails with ECONNREFUSED and the run ends', file: 'lifecycle/socket-refused.js' },

  // Child processes and workers
  { name: 'a spawned child with piped stdout and stderr, collected by the parent', file: 'lifecycle/child-spawn-piped.js' },
  { name: 'execFileSync returns stdout and throws on a failing child', file: 'lifecycle/child-exec-file-sync.js' },
  { name: 'exec with a callback, succeeding and failing', file: 'lifecycle/child-exec-callback.js' },
  { name: "a child with stdio: 'inherit' writes in order with the parent", file: 'lifecycle/child-stdio-inherit.js' },
  { name: "execFileSync with stdio: 'inherit' interleaves with the parent's lines", file: 'lifecycle/child-exec-file-sync-inherit.js' },
  { name: "the parent writes to a child's stdin and reads its answer", file: 'lifecycle/child-stdin-roundtrip.js' },
  {
    name: "a child process gets the run's cwd and env",
    file: 'lifecycle/child-cwd-env.js',
    cwd: 'lifecycle',
    env: { FIDELITY_CHILD_VAR: 'from the run env' },
  },
  { name: 'a long-running child keeps the run alive until the parent kills it', file: 'lifecycle/child-killed.js' },
  { name: 'a worker thread keeps the run alive until it exits', file: 'lifecycle/worker-thread.js' },

  // Streams and stdin
  { name: 'Readable.from piped through a Transform into process.stdout', file: 'lifecycle/stream-pipe-transform.js' },
  { name: 'stream/promises pipeline through an async generator, and one that rejects', file: 'lifecycle/stream-pipeline-promises.js' },
  { name: 'a zlib stream holds the loop while it compresses, not while it waits', file: 'lifecycle/zlib-stream-idle.js' },
  { name: "what a 'beforeExit' listener queues (timers, ticks, promise jobs) runs before 'exit'", file: 'lifecycle/before-exit-queues-jobs.cjs' },
  { name: 'stream/promises pipeline into process.stdout settles', file: 'lifecycle/stream-pipeline-stdout.js' },
  { name: 'a file read stream keeps the run alive until it closes', file: 'lifecycle/fs-read-stream.js' },
  { name: 'for await over process.stdin', file: 'lifecycle/stdin-async-iteration.js', stdin: 'first\nsecond\n\nfourth\n' },
  { name: 'for await over empty stdin ends at once', file: 'lifecycle/stdin-async-iteration.js' },
  { name: 'readline on stdin line by line, then close', file: 'lifecycle/stdin-readline.js', stdin: 'one\r\ntwo\n\nlast without newline' },
  { name: 'readline on empty stdin closes with no lines', file: 'lifecycle/stdin-readline.js' },
  { name: "readline's async iterator over stdin", file: 'lifecycle/stdin-readline-async.js', stdin: '1\n2\n\n39\n' },

  // process.exit from every kind of callback
  { name: 'process.exit in a timer callback', file: 'lifecycle/exit-in-timer.js' },
  { name: 'process.exit in a setImmediate callback', file: 'lifecycle/exit-in-immediate.js' },
  { name: 'process.exit in a nextTick callback', file: 'lifecycle/exit-in-next-tick.js' },
  { name: 'process.exit in a promise then (CommonJS)', file: 'lifecycle/exit-in-promise-then.cjs' },
  { name: 'process.exit in an fs.readFile callback', file: 'lifecycle/exit-in-fs-callback.js' },
  { name: 'process.exit in an EventEmitter listener', file: 'lifecycle/exit-in-event-listener.js' },
  { name: "process.exit in a stream 'data' handler", file: 'lifecycle/exit-in-stream-data.js' },
  { name: "process.exit in a server 'connection' handler with the server open", file: 'lifecycle/exit-in-connection-handler.js' },
  { name: "process.exit in a child's 'exit' handler", file: 'lifecycle/exit-in-child-exit-handler.js' },
  { name: 'process.exit in an async function after an await', file: 'lifecycle/exit-after-await.js' },
  { name: 'process.exit after a top-level await', file: 'lifecycle/exit-in-tla.mjs' },

  // Rejections and uncaught exceptions
  { name: 'an async function rejecting after an await in a timer exits 1', file: 'lifecycle/unhandled-rejection-async.js' },
  { name: 'an unhandled rejection with a plain object reason', file: 'lifecycle/unhandled-rejection-object.cjs' },
  { name: 'an unhandled rejection with no reason', file: 'lifecycle/unhandled-rejection-undefined.js' },
  { name: 'a rejection caught only in a later timer still exits 1', file: 'lifecycle/rejection-handled-later.js' },
  { name: 'a rejection caught in a nextTick or a later promise job is handled', file: 'lifecycle/rejection-handled-in-next-tick.js' },
  { name: "an 'unhandledRejection' listener keeps the run going; 'rejectionHandled' on a late catch", file: 'lifecycle/rejection-listener-keeps-running.js' },
  { name: "an 'uncaughtException' listener swallows a timer's error and the run continues", file: 'lifecycle/uncaught-exception-listener.js' },
  { name: "'uncaughtExceptionMonitor' sees the error and the run still exits 1", file: 'lifecycle/uncaught-exception-monitor.js' },
  { name: "an unhandled rejection reaches 'uncaughtException' with its origin", file: 'lifecycle/uncaught-exception-listener-rejection.js' },

  // Top-level await, unsettled promises, beforeExit and exit
  { name: 'top-level await on an unref()ed timer exits 13', file: 'lifecycle/tla-unsettled-unref-timer.mjs' },
  { name: 'top-level await settled by a timer', file: 'lifecycle/tla-settled-by-timer.mjs' },
  { name: 'a promise that never settles in CommonJS ends the run with 0', file: 'lifecycle/never-settles.cjs' },
  { name: 'an unsettled await inside a function of an ES module is not exit 13', file: 'lifecycle/never-settles-in-function.mjs' },
  { name: "'beforeExit' schedules async work once, then fires again", file: 'lifecycle/before-exit-async-work.js' },
  { name: "'beforeExit' does not fire after an uncaught error", file: 'lifecycle/before-exit-not-on-error.cjs' },
  { name: "'exit' listeners read and change process.exitCode", file: 'lifecycle/exit-listener-exit-code.js' },

  // Signals
  { name: "process.kill(process.pid, 'SIGTERM') with no handler ends the run as killed", file: 'lifecycle/signal-unhandled.cjs' },
  { name: 'a SIGTERM handler gets the signal asynchronously and the run lives on', file: 'lifecycle/signal-handled.cjs' },
  { name: 'a SIGINT handler that exits 130 itself', file: 'lifecycle/signal-handler-exits.cjs' },

  // Microtask ordering inside callbacks
  { name: 'CommonJS: nextTick, promise, queueMicrotask order in timer, immediate and fs callbacks', file: 'lifecycle/microtask-order-in-callbacks.cjs' },
  { name: 'ES module: nested nextTick and promise jobs at top level and in an immediate', file: 'lifecycle/microtask-order-in-callbacks.mjs' },

  // ---------------------------------------------------------------------------------------------
  // Filesystem (issue 4, SPEC §5): scripts that read and write files, in fixtures/fidelity/fs/.
  // Each row seeds `files` (real node runs in runInNode's temporary tree) and compares the files
  // the run created, changed and deleted too. Scripts work under data/, which is not on disk, so
  // what the in-process run's package directory shows beneath does not differ from node's tree.
  // ---------------------------------------------------------------------------------------------

  // Reading and writing
  {
    name: 'writeFileSync/readFileSync with encodings, Buffers, URLs and the wx flag',
    file: 'fs/write-read-sync.js',
    files: { 'data/seed.txt': 'seed' },
  },
  { name: 'writeFile/readFile callbacks complete after ticks and promise jobs', file: 'fs/write-read-callback.cjs', files: { 'data/': null } },
  { name: 'fs/promises writeFile, readFile, appendFile and their rejections', file: 'fs/write-read-promises.js', files: { 'data/': null } },
  {
    name: 'appendFileSync, appendFile and a write stream with flags a',
    file: 'fs/append-file.cjs',
    files: { 'data/existing.log': 'line 1\nline 2\n' },
  },
  { name: 'ES module default, named and namespace imports of fs and fs/promises', file: 'fs/esm-fs-imports.mjs', files: { 'data/': null } },

  // Directories
  { name: 'mkdir -p returns the first directory made; EEXIST, ENOENT, ENOTDIR', file: 'fs/mkdir-recursive.js', files: { 'data/file.txt': 'f' } },
  {
    name: 'readdir plain, withFileTypes, recursive and as Buffers',
    file: 'fs/readdir.js',
    files: { 'data/tree/top.txt': 'top', 'data/tree/sub/mid.txt': 'mid', 'data/tree/empty/': null },
  },
  {
    name: 'opendir read until null, async iteration, callbacks and a double close',
    file: 'fs/opendir.js',
    files: { 'data/box/a.txt': 'a', 'data/box/b.txt': 'b', 'data/box/inner/c.txt': 'c' },
  },
  {
    name: 'mkdtemp under os.tmpdir() and under cwd',
    file: 'fs/mkdtemp.cjs',
    files: { 'data/': null },
  },

  // Metadata
  { name: 'stat, lstat, exists and access, with their errors', file: 'fs/stat.cjs', files: { 'data/file.txt': '12345' } },
  {
    name: 'utimes and futimes set exact times that stat reads back',
    file: 'fs/utimes.js',
    files: { 'data/file.txt': 'times', 'data/other.txt': 'other' },
  },
  { name: 'hard links share content and nlink; chmod sets mode bits', file: 'fs/hard-link-chmod.cjs', files: { 'data/original.txt': 'original' } },
  { name: 'new files and directories get their mode less the umask', file: 'fs/umask-modes.cjs', files: { 'data/seeded.txt': 'seeded' } },

  // Moving, copying, deleting
  {
    name: 'rename a file, over a file, a directory, and the errors',
    file: 'fs/rename.js',
    files: { 'data/old.txt': 'old', 'data/target.txt': 'to be replaced', 'data/dir/inner/deep.txt': 'deep', 'data/dir/top.txt': 'top' },
  },
  {
    name: 'unlink a file and a symlink; ENOENT and a directory',
    file: 'fs/unlink.cjs',
    files: { 'data/keep.txt': 'keep', 'data/remove.txt': 'remove', 'data/dir/inner.txt': 'inner' },
  },
  {
    name: 'rm -r, rm -f and rmdir, with the errors of removing a directory wrongly',
    file: 'fs/rm-recursive.js',
    files: {
      'data/tree/a.txt': 'a',
      'data/tree/sub/b.txt': 'b',
      'data/empty/': null,
      'data/other/x.txt': 'x',
      'data/last.txt': 'last',
      'data/stays.txt': 'stays',
    },
  },
  {
    name: 'copyFile overwrites, COPYFILE_EXCL refuses, missing source and directory',
    file: 'fs/copy-file.cjs',
    files: { 'data/source.txt': 'source', 'data/existing.txt': 'existing' },
  },
  {
    name: 'symlink, readlink, realpath, a dangling link and writing through a link',
    file: 'fs/symlink.js',
    files: { 'data/real.txt': 'real content', 'data/dir/inside.txt': 'inside' },
  },
  {
    name: 'truncate shortens, extends with zeros and empties; ftruncate',
    file: 'fs/truncate.cjs',
    files: { 'data/long.txt': 'a long line of text', 'data/grow.txt': 'abc', 'data/empty-me.txt': 'gone', 'data/fd.txt': 'fd content' },
  },

  // Descriptors, handles and streams
  { name: 'open, write, read, fsync and close by fd; EBADF and EEXIST', file: 'fs/fd-ops.cjs', files: { 'data/seed.txt': 'seed' } },
  {
    name: 'createReadStream piped through a Transform into createWriteStream',
    file: 'fs/streams-pipe.cjs',
    files: { 'data/input.txt': 'the quick brown fox jumps over the lazy dog\n' },
  },
  { name: "a write stream's events, cork and a write after end", file: 'fs/write-stream-events.js', files: { 'data/': null } },
  {
    name: 'FileHandle: write, read, stat, readFile, truncate, close, and the errors of a closed one',
    file: 'fs/file-handle.js',
    files: { 'data/seed.txt': 'seed' },
  },
  {
    name: 'cp -r sync, by promise (with a filter) and by callback; copying a directory flat fails',
    file: 'fs/cp-recursive.js',
    files: {
      'data/src/a.txt': 'a',
      'data/src/skip.txt': 'skip',
      'data/src/nested/b.txt': 'b',
      'data/src/nested/deeper/c.txt': 'c',
    },
  },
  {
    name: 'stream/promises pipelines between file streams: a generator, a gzip round trip, a failure',
    file: 'fs/streams-pipeline.js',
    files: { 'data/numbers.txt': '1\n2\n3\n21\n' },
  },

  // Errors

  // Programs
  {
    name: 'JSON config read-modify-write',
    file: 'fs/json-config.js',
    files: {
      'data/config.json': '{"version": 1, "features": ["a"], "obsolete": true}',
      'data/broken.json': '{"version": ',
    },
  },
  {
    name: 'a CLI writes an output file from stdin',
    file: 'fs/cli-stdin-to-file.cjs',
    argv: ['--out', 'data/reports/out.txt'],
    stdin: 'alpha\n  beta\ngamma\n',
    files: { 'data/': null },
  },
  { name: 'a CLI without its --out argument exits 2 and writes nothing', file: 'fs/cli-stdin-to-file.cjs', stdin: 'x\n', files: { 'data/': null } },
  {
    name: 'fs-extra helpers written with plain fs',
    file: 'fs/fs-extra-like.js',
    files: {
      'data/pkg.json': '{"name":"demo","version":"1.0.0"}',
      'data/assets/logo.svg': '<svg/>',
      'data/assets/style.css': 'body{}',
      'data/cache/a.tmp': 'a',
      'data/cache/sub/b.tmp': 'b',
      'data/stale/old.txt': 'old',
    },
  },
  { name: 'relative paths follow process.chdir', file: 'fs/chdir-relative.cjs', files: { 'data/': null } },
  {
    name: 'readFileSync(0) alongside files',
    file: 'fs/stdin-and-files.cjs',
    stdin: 'a.txt\nmissing.txt\nb.txt\n',
    files: { 'data/a.txt': 'one\ntwo', 'data/b.txt': 'three' },
  },
];
