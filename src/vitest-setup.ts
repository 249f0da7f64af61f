/**
 * The worker's side of `run-as-main/vitest-plugin` (the plugin adds this file to `setupFiles`):
 * reads what the plugin provided and installs the engine's tool hooks — v8 coverage names,
 * istanbul instrumentation with vitest's own instrumenter, the files runs loaded for watch mode.
 * Without the plugin's data it does nothing.
 */
import { afterAll, beforeAll, inject } from 'vitest';
import { type ToolHooks, TOOL_HOOKS } from './loader/coverage-hooks.js';
import type { SourceMapV3 } from './traceback/source-maps.js';
import { LOADED_FILES_META, PROVIDED_KEY, type ProvidedToolConfig } from './vitest-plugin/provided.js';

const provided = (inject as (key: string) => unknown)(PROVIDED_KEY) as ProvidedToolConfig | undefined;
const store = globalThis as { [TOOL_HOOKS]?: ToolHooks; __VITEST_COVERAGE__?: object };

if (provided) {
  const hooks: ToolHooks = store[TOOL_HOOKS] ?? {};
  if (provided.watch) hooks.loadedFiles ??= new Set();
  if (provided.coverage === 'v8') hooks.coverage = 'v8';
  if (provided.coverage === 'istanbul' && provided.istanbul && !hooks.instrument) {
    hooks.instrument = await istanbulInstrumenter(provided.istanbul);
    hooks.coverage = 'istanbul';
    // Created before any run, so that no run's cleanup of the globals it added removes it.
    store.__VITEST_COVERAGE__ ??= {};
  }
  store[TOOL_HOOKS] = hooks;

  const loaded = hooks.loadedFiles;
  if (loaded) {
    beforeAll(() => loaded.clear());
    // vitest reads a hook's first parameter as its fixtures (a destructuring pattern); the file's
    // task comes second.
    // biome-ignore lint/correctness/noEmptyPattern: see above
    afterAll(({}, suite) => {
      (suite as unknown as { meta: Record<string, unknown> }).meta[LOADED_FILES_META] = [...loaded];
      loaded.clear();
    });
  }
}

interface IstanbulProvider {
  _initialize(ctx: unknown): void;
  initialize(ctx: unknown): void;
  isIncluded(file: string): boolean;
  options: Record<string, unknown>;
  roots: string[];
  instrumenter: {
    opts: { autoWrap?: boolean; inputSourceMap?: boolean; combineSourceMaps?: boolean };
    instrumentSync(code: string, filename: string, inputSourceMap: SourceMapV3): string;
    lastSourceMap(): SourceMapV3;
  };
}

/**
 * The instrumenter vitest's istanbul provider makes, with its options (the one the same file
 * imported by a test goes through), allowed the body's top-level `return`; files selected by the
 * project's `coverage.include`/`exclude` as the provider selects them.
 */
async function istanbulInstrumenter(config: NonNullable<ProvidedToolConfig['istanbul']>): Promise<ToolHooks['instrument']> {
  const { pathToFileURL } = await import('node:url');
  const module = (await import(pathToFileURL(config.providerFile).href)) as {
    IstanbulCoverageProvider: new () => IstanbulProvider;
  };
  const provider = new module.IstanbulCoverageProvider();
  provider._initialize = function (this: IstanbulProvider) {
    this.options = {
      include: config.include,
      exclude: config.exclude,
      allowExternal: config.allowExternal,
      ignoreClassMethods: config.ignoreClassMethods,
    };
    this.roots = config.roots;
  };
  provider.initialize({ projects: [] });
  // The code below the loader's header has a top-level `return` (a CommonJS body). vitest 5's
  // instrumenter keeps input maps in the main process, by vite's module ids: this code has none
  // there, so its coverage carries its map (as vitest 4's does), and its map reaches the source.
  Object.assign(provider.instrumenter.opts, { autoWrap: true, inputSourceMap: true, combineSourceMaps: true });
  return (program, path, map) => {
    if (!provider.isIncluded(path)) return undefined;
    // Its own key, so that the same file imported through vite keeps its counters apart.
    const code = provider.instrumenter.instrumentSync(program, `${path}?run-as-main`, map);
    return { code, map: provider.instrumenter.lastSourceMap() };
  };
}
