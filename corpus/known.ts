/**
 * Differences from node the corpus still finds, each traced to one root cause with the smallest
 * script that shows it (confirmed against real node). An invocation or sweep entry marked with a
 * cause asserts that it still differs; when the cause is fixed, its marks go and so does it.
 */
export const KNOWN_CAUSES: Record<string, string> = {
  'import-in-eval':
    "import() inside eval, new Function or an AsyncFunction fails with ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING: the run's code is compiled by vm.compileFunction without importModuleDynamically, and node's wrapper of that callback accepts only a real module namespace or a vm.Module (src/loader/compile.ts, src/loader/registry.ts).",
  'node-throw-site':
    "An uncaught error thrown inside an fs call is reported by node with the node:fs line that threw it above the error; in-process the report names the script's line that called fs (the README's limits) (src/traceback/traceback.ts, src/sandbox/fs/dispatch.ts).",
  'report-throw-site':
    'The uncaught-error report names the line that created the error; node names the line that last threw it (a caught and rethrown error; an error from node:assert in an ES module, where node names its own run_main rethrow) (src/traceback/traceback.ts).',
  'stream-call-without-new':
    "fs.ReadStream and fs.WriteStream are classes in a run: graceful-fs's legacy inheritance calls them as functions (ReadStream.apply(this, arguments)), which node's own functions allow (src/sandbox/fs/fs-module.ts).",
  'user-prepare-stack-trace':
    "A script's own Error.prepareStackTrace (CoffeeScript's) is handed the library's call sites (evaluateCjs, runWithWatchdog…), and the uncaught report does not keep the text it returns as node prints it (a trailing line break is dropped; a stack not in V8's format is replaced by the inspected error) (src/traceback/stack-traces.ts, src/traceback/traceback.ts).",
  'caret-tabs':
    "The caret line of an uncaught-error report is indented with spaces only; node keeps the source line's tabs before the caret (src/traceback/traceback.ts).",
  'non-error-throw-site':
    'A thrown value that is not an Error has no stack: the report lacks the file:line and source line node prints above it (the README\'s limits, as the fidelity table asserts).',
  'child-virtual-cwd':
    "A child process started from a run whose cwd exists only in the volume cannot be spawned there (ENOENT); node's child starts in the real directory (the README's limits: child processes reach the real disk).",
  'oracle-cwd-depth':
    "Not the engine's: runInNode's stand-in for the run's cwd lies deeper (<tmp>/root/corpus-run), so a tool that walks up from its cwd takes more steps under node than in-process.",
  'node-path':
    "NODE_PATH of the run's env is not among the paths require() searches, as node's Module.globalPaths are (src/loader/cjs-resolve.ts, with the run's env from src/loader/registry.ts).",
};

/** Sweep entries (paths relative to corpus/node_modules) that still differ, with their cause. */
export const SWEEP_KNOWN: Record<string, string> = {
  'coffee-script/bin/cake': 'oracle-cwd-depth',
  'coffee-script/bin/coffee': 'user-prepare-stack-trace',
  'dotignore/bin/ignored': 'node-throw-site',
  'esbuild/bin/esbuild': 'child-virtual-cwd',
  'fast-xml-parser/src/cli/cli.js': 'node-throw-site',
  'js-beautify/js/bin/css-beautify.js': 'non-error-throw-site',
  'js-beautify/js/bin/html-beautify.js': 'non-error-throw-site',
  'js-beautify/js/bin/js-beautify.js': 'non-error-throw-site',
  'prettier/bin/prettier.cjs': 'import-in-eval',
  'slugify-cli/cli.js': 'caret-tabs',
  'uvu/bin.js': 'import-in-eval',
};
