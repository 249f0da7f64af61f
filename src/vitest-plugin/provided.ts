/**
 * What the plugin hands every test worker (vitest's `provide`/`inject`): plain data, sent once
 * per worker. The worker's setup (vitest-setup.ts) turns it into the engine's tool hooks.
 */
export interface ProvidedToolConfig {
  /** The coverage provider of this run, when it is one the plugin serves. */
  coverage: 'v8' | 'istanbul' | undefined;
  /** For istanbul: vitest's own instrumenter and the coverage options that select files. */
  istanbul?: {
    /** The file of `@vitest/coverage-istanbul`'s provider, as the project resolves it. */
    providerFile: string;
    include: string[] | undefined;
    exclude: string[];
    allowExternal: boolean;
    ignoreClassMethods: string[];
    roots: string[];
  };
  /** Watch mode: the worker reports the files its runs loaded. */
  watch: boolean;
}

/** The key under which the plugin provides {@link ProvidedToolConfig}. */
export const PROVIDED_KEY = 'run-as-main:tools';

/** The key of a test file's task meta that lists the files its runs loaded. */
export const LOADED_FILES_META = 'runAsMainLoadedFiles';
