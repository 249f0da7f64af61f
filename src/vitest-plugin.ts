/**
 * `run-as-main/vitest-plugin`: `runAsMainPlugin()`, for `plugins` in the vitest config. With it,
 * every test file has the `run-as-main/vitest` entry (matchers, serializer), `vitest --coverage`
 * (v8 and istanbul) counts the code of in-process runs as the code of the files it came from, and
 * watch mode reruns the tests whose runs loaded an edited file.
 *
 * @example
 * // vitest.config.ts
 * import { defineConfig } from 'vitest/config';
 * import { runAsMainPlugin } from 'run-as-main/vitest-plugin';
 * export default defineConfig({ plugins: [runAsMainPlugin()] });
 *
 * It does not make a run slower without coverage, and does not touch the code vite serves to
 * tests: only the names of in-process runs' files, which no test imports.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vitest/config';
import { loadCompiled, resolveCompiledId } from './vitest-plugin/coverage-source.js';
import { PROVIDED_KEY, type ProvidedToolConfig } from './vitest-plugin/provided.js';
import { LoadedFilesReporter, type WatchedProject } from './vitest-plugin/watch.js';

export interface RunAsMainPluginOptions {
  /** Add `run-as-main/vitest` (matchers, serializer) to every test file's setup. Default true. */
  vitestEntry?: boolean;
}

/** The files beside this one: `.ts` under the library's own tests, `.js` once built. */
const here = fileURLToPath(import.meta.url);
const extension = here.endsWith('.ts') ? '.ts' : '.js';
const VITEST_ENTRY = join(dirname(here), `vitest${extension}`);
const WORKER_SETUP = join(dirname(here), `vitest-setup${extension}`);

/** The little of vitest's plugin context this reads (the same in vitest 4 and 5). */
interface PluginContext {
  vitest: {
    config: {
      root: string;
      watch: boolean;
      reporters: unknown[];
      coverage: {
        enabled: boolean;
        provider?: string;
        include?: string[];
        exclude: string[];
        allowExternal?: boolean;
        ignoreClassMethods?: string[];
      };
    };
  };
  project: WatchedProject & { config: { root: string }; provide(key: string, value: unknown): void };
}

function checkOptions(options: unknown): RunAsMainPluginOptions {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`runAsMainPlugin(options): expected an object or undefined, received ${options === null ? 'null' : typeof options}.`);
  }
  const { vitestEntry } = options as RunAsMainPluginOptions;
  if (vitestEntry !== undefined && typeof vitestEntry !== 'boolean') {
    throw new TypeError(`runAsMainPlugin(options): "vitestEntry" must be a boolean, received ${typeof vitestEntry}.`);
  }
  return { vitestEntry };
}

function toolConfigOf(context: PluginContext): ProvidedToolConfig {
  const { config } = context.vitest;
  const coverage = config.coverage;
  const provider = coverage.enabled ? (coverage.provider ?? 'v8') : undefined;
  const tools: ProvidedToolConfig = {
    coverage: provider === 'v8' || provider === 'istanbul' ? provider : undefined,
    watch: config.watch,
  };
  if (tools.coverage === 'istanbul') {
    const root = context.project.config.root;
    const index = createRequire(join(root, 'package.json')).resolve('@vitest/coverage-istanbul');
    tools.istanbul = {
      providerFile: join(dirname(index), 'provider.js'),
      include: coverage.include,
      exclude: coverage.exclude,
      allowExternal: coverage.allowExternal ?? false,
      ignoreClassMethods: coverage.ignoreClassMethods ?? [],
      roots: [config.root],
    };
  }
  return tools;
}

/** The vitest plugin of run-as-main (see the module's description). */
export function runAsMainPlugin(options?: RunAsMainPluginOptions): Plugin {
  const { vitestEntry = true } = checkOptions(options);
  let reporterAdded = false;
  return {
    name: 'run-as-main',
    enforce: 'pre',
    config(config) {
      const existing = (config as { test?: { setupFiles?: string | string[] } }).test?.setupFiles;
      const listed = Array.isArray(existing) ? existing : existing ? [existing] : [];
      // A config that lists the entry already keeps it once.
      const hasEntry = listed.some((file) => file === 'run-as-main/vitest' || file === VITEST_ENTRY);
      const setupFiles = [...(vitestEntry && !hasEntry ? [VITEST_ENTRY] : []), WORKER_SETUP];
      return { test: { setupFiles } };
    },
    configureVitest(context) {
      const ctx = context as unknown as PluginContext;
      const tools = toolConfigOf(ctx);
      ctx.project.provide(PROVIDED_KEY, tools);
      if (tools.watch && !reporterAdded) {
        reporterAdded = true;
        ctx.vitest.config.reporters.push(new LoadedFilesReporter());
      }
    },
    resolveId(id) {
      return resolveCompiledId(id);
    },
    load(id) {
      return loadCompiled(id);
    },
  } as Plugin;
}
