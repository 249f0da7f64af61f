import type { SourceMapV3 } from '../traceback/source-maps.js';

/**
 * What a test runner's integration (the vitest plugin's setup, `run-as-main/vitest`) hands the
 * engine so that the code of in-process runs shows in the runner's tools. It lives on
 * `globalThis` under a registered symbol: the engine and the integration may be different builds
 * of the library (dist and src, ESM and CJS), and neither imports the other. Without it, nothing
 * of this happens: the engine reads it once per file it compiles, never on a cached run.
 */
export interface ToolHooks {
  /**
   * `'v8'`: compile each file under its file URL plus {@link COVERAGE_QUERY}, a name the plugin
   * resolves to exactly the compiled code. `'istanbul'`: compile the code {@link instrument}
   * returns.
   */
  coverage?: 'v8' | 'istanbul';
  /**
   * The code inside the loader's wrapper function (read as a module's program; `return` allowed
   * at the top level) instrumented for istanbul, with the map from the result to the source;
   * undefined for a file that stays out (`coverage.exclude`) or that the instrumenter cannot read.
   */
  instrument?(program: string, path: string, map: SourceMapV3): { code: string; map: SourceMapV3 } | undefined;
  /** Every file on disk a run loaded, for watch mode (the plugin reads and empties it). */
  loadedFiles?: Set<string>;
}

export const TOOL_HOOKS = Symbol.for('run-as-main.tool-hooks');

export function toolHooks(): ToolHooks | undefined {
  return (globalThis as { [TOOL_HOOKS]?: ToolHooks })[TOOL_HOOKS];
}

/**
 * The query that marks a compiled file's name under v8 coverage: `file:///a/cli.ts?run-as-main=…`.
 * The value names the compile variant (format, namespace capture, initGlobals names), which is all
 * the plugin needs, besides the file, to compile the same code again in vitest's main process.
 */
export const COVERAGE_QUERY = 'run-as-main';
