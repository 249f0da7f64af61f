/**
 * The node-vs-in-process table: every row runs under real `node` (runInNode) and in-process
 * (runAsMain) and must give the same exit code, stdout and stderr (SPEC §2, §3.6).
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
  { name: 'CJS require of an ES module, and of one with top-level await', file: 'esm-require-esm.cjs' },
  { name: 'CJS dynamic import() of an ES module', file: 'interop-dynamic-import-from-cjs.cjs' },
  { name: 'ESM default import of a CJS module flagged __esModule', file: 'interop-es-module-flag.mjs' },
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
];
