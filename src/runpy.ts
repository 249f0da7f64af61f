import { readdirSync } from 'node:fs';
import path from 'node:path';
import { isArchiveTarget, prepareArchiveTarget } from './archive.js';
import { RunAsMainUsageError, SystemExit } from './errors.js';
import { resolveModule } from './loader/resolve.js';
import { realFs } from './loader/resolve.js';
import { checkInitGlobals } from './option-checks.js';
import { normalizeOptions, type RunOptions, toAbsolutePath } from './options.js';
import type { RunResult } from './result.js';
import { entryPath, executeRun, exitWasCalled } from './run.js';
import { withSeededFiles } from './loader/layered-fs.js';
import { resolveEntry } from './target.js';

type Namespace<T> = RunResult<T>['namespace'];

/** runpy's rule: the namespace when the run ended by itself with 0, else raise. */
function namespaceOrRaise<T>(result: RunResult<T>): Namespace<T> {
  const exitCalled = exitWasCalled(result);
  if (result.error !== undefined && !exitCalled && !result.timedOut) throw result.error;
  if (exitCalled || result.exitCode !== 0 || result.timedOut) throw new SystemExit(result as RunResult);
  return result.namespace;
}

/** The file `runModule` runs for a specifier: a package's bin or main, or `pkg/sub/path`. */
function moduleEntry(specifier: unknown, cwd: string): string {
  if (typeof specifier !== 'string' || specifier === '') {
    throw new RunAsMainUsageError(`The module specifier must be a non-empty string; received ${typeof specifier}.`);
  }
  const parent = path.join(cwd, '__run_as_main__.js');
  const isPackageName = /^(?:@[^/]+\/)?[^/.][^/]*$/.test(specifier);
  if (isPackageName) {
    // A package is run as its users run it: its bin first, as for a directory target.
    for (let dir = cwd; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'node_modules', specifier);
      if (realFs.kind(path.join(candidate, 'package.json')) === 'file') return resolveEntry(candidate, cwd);
      if (path.dirname(dir) === dir) break;
    }
  }
  try {
    const resolved = resolveModule(specifier, parent, 'require', { fs: realFs, cache: new Map() });
    if (resolved.kind === 'file') return resolved.path;
    throw new RunAsMainUsageError(`"${specifier}" is a Node built-in module: there is no file to run.`);
  } catch (error) {
    if (error instanceof RunAsMainUsageError) throw error;
    const looked = (realFs.kind(cwd) ? [cwd] : []).map((dir) => path.join(dir, 'node_modules'));
    throw new RunAsMainUsageError(
      `Cannot resolve module "${specifier}" from ${cwd} (looked in ${looked.join(', ') || cwd} and the node_modules folders above it): ${(error as Error).message.split('\n')[0]}`,
    );
  }
}

/**
 * Runs a file, a package directory, an archive (`npm pack`'s .tgz, a .zip) or a file: URL as
 * main and returns its namespace, like Python's `runpy.run_path`. An uncaught error is rethrown
 * as itself; any `process.exit()` (0 too), a non-zero exit code or a timeout throws
 * {@link SystemExit} carrying the result.
 *
 * @example
 * const ns = await runPath('scripts/config.js');
 * expect(ns.DEBUG).toBe(true);
 */
export async function runPath<T = Record<string, unknown>>(target: string | URL, options?: RunOptions): Promise<Namespace<T>> {
  const opts = normalizeOptions(options);
  if (isArchiveTarget(target)) target = await prepareArchiveTarget(target, opts);
  return namespaceOrRaise(await executeRun<T>(opts, { path: entryPath(target, opts.cwd, withSeededFiles(realFs, opts)) }));
}

/** As {@link runPath}, but returns the RunResult instead of raising. */
export async function safeRunPath<T = Record<string, unknown>>(target: string | URL, options?: RunOptions): Promise<RunResult<T>> {
  const opts = normalizeOptions(options);
  if (isArchiveTarget(target)) target = await prepareArchiveTarget(target, opts);
  return await executeRun<T>(opts, { path: entryPath(target, opts.cwd, withSeededFiles(realFs, opts)) });
}

/**
 * Resolves a module or package specifier from `cwd` with Node's resolution (a package's `bin`,
 * else `main`; or `pkg/sub/path`), then runs it as {@link runPath} does (`python -m`).
 */
export async function runModule<T = Record<string, unknown>>(specifier: string, options?: RunOptions): Promise<Namespace<T>> {
  const opts = normalizeOptions(options);
  return namespaceOrRaise(await executeRun<T>(opts, { path: moduleEntry(specifier, opts.cwd) }));
}

/** As {@link runModule}, but returns the RunResult instead of raising. */
export async function safeRunModule<T = Record<string, unknown>>(specifier: string, options?: RunOptions): Promise<RunResult<T>> {
  const opts = normalizeOptions(options);
  return await executeRun<T>(opts, { path: moduleEntry(specifier, opts.cwd) });
}

/**
 * Runs a script and picks the named top-level bindings; absent names are omitted. Throws the
 * script's error, or SystemExit, when the run fails.
 */
export async function extractGlobals<K extends string>(
  target: string | URL,
  names: readonly K[],
  options?: RunOptions,
): Promise<Partial<Record<K, unknown>>> {
  if (!Array.isArray(names) || names.some((name) => typeof name !== 'string')) {
    throw new RunAsMainUsageError('extractGlobals needs `names` as an array of binding names.');
  }
  const opts = normalizeOptions(options);
  if (isArchiveTarget(target)) target = await prepareArchiveTarget(target, opts);
  const result = await executeRun(opts, { path: entryPath(target, opts.cwd, withSeededFiles(realFs, opts)) });
  if (result.error !== undefined || result.exitCode !== 0 || result.timedOut) namespaceOrRaise(result);
  const picked: Partial<Record<K, unknown>> = {};
  const namespace = result.namespace as Record<string, unknown>;
  for (const name of names as readonly string[]) {
    if (Object.hasOwn(namespace, name)) (picked as Record<string, unknown>)[name] = namespace[name];
  }
  return picked;
}

/** What loading a plugin gave: its exports, or the error text when it failed. */
export interface PluginResult {
  path: string;
  ok: boolean;
  exports: Record<string, unknown>;
  /** The failure's traceback (or exit status); '' when ok. */
  error: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Runs a plugin as a module (not main) with `api` injected as free variables. Its exports are
 * its `EXPORTS` object (if a plain object), its top-level functions and classes not starting
 * with `_`, and its module exports.
 */
export async function loadPlugin(
  pluginPath: string | URL,
  api: Record<string, unknown> = {},
  options: RunOptions = {},
): Promise<PluginResult> {
  checkInitGlobals(api, "loadPlugin's `api`");
  normalizeOptions(options);
  const opts = normalizeOptions({ ...options, initGlobals: { ...(options.initGlobals ?? {}), ...api }, runName: options.runName ?? 'plugin' });
  const file = entryPath(pluginPath, opts.cwd, withSeededFiles(realFs, opts));
  const result = await executeRun(opts, { path: file });
  if (!result.ok) {
    const error = result.traceback || result.stderr || `exited with code ${result.exitCode}`;
    return { path: file, ok: false, exports: {}, error };
  }
  const namespace = result.namespace as Record<string, unknown>;
  const exports: Record<string, unknown> = isPlainObject(namespace.EXPORTS) ? { ...namespace.EXPORTS } : {};
  for (const [name, value] of Object.entries(namespace)) {
    if (typeof value === 'function' && !name.startsWith('_') && !(name in exports) && !(name in api)) exports[name] = value;
  }
  const moduleExports = result.exports as unknown;
  if (isPlainObject(moduleExports) || (moduleExports !== null && typeof moduleExports === 'object')) {
    for (const [name, value] of Object.entries(moduleExports as object)) if (!(name in exports)) exports[name] = value;
  }
  return { path: file, ok: true, exports, error: '' };
}

/** A glob of `*`, `?` and `{a,b}` for one file name. */
function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '{') {
      const end = pattern.indexOf('}', i);
      if (end === -1) source += '\\{';
      else {
        source += `(?:${pattern.slice(i + 1, end).split(',').map((part) => part.replace(/[.+^$()|[\]\\]/g, '\\$&')).join('|')})`;
        i = end;
      }
    } else source += char.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

const SCRIPT_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/**
 * Loads every plugin in `dir` whose name matches `pattern` (`plugin_*.{js,mjs,cjs,ts,mts,cts}` by
 * default), in name order. A directory with no file at all or none but data files gives `[]`; one
 * that holds scripts none of which match is a usage error naming them.
 */
export async function loadPluginsFromDir(
  dir: string | URL,
  api: Record<string, unknown> = {},
  options: RunOptions & { pattern?: string } = {},
): Promise<PluginResult[]> {
  checkInitGlobals(api, "loadPluginsFromDir's `api`");
  if (!isPlainObject(options)) {
    throw new RunAsMainUsageError(`loadPluginsFromDir's options must be a plain object; received ${options === null ? 'null' : typeof options}.`);
  }
  const { pattern = 'plugin_*.{js,mjs,cjs,ts,mts,cts}', ...runOptions } = options;
  if (typeof pattern !== 'string' || pattern === '') {
    throw new RunAsMainUsageError(
      `Option \`pattern\` must be a non-empty glob of file names (such as 'plugin_*.js'); received ${typeof pattern === 'string' ? 'an empty string' : typeof pattern}.`,
    );
  }
  // Every option checked before any plugin runs: a misspelt one is not silently ignored when nothing matches.
  normalizeOptions(runOptions);
  const cwd = runOptions.cwd === undefined ? process.cwd() : toAbsolutePath('cwd', runOptions.cwd, process.cwd());
  const directory = toAbsolutePath('dir', dir, cwd);
  if (realFs.kind(directory) !== 'directory') throw new RunAsMainUsageError(`loadPluginsFromDir: ${directory} is not a directory.`);
  const matcher = globToRegExp(pattern);
  const entries = readdirSync(directory);
  const names = entries.filter((name) => matcher.test(name)).sort();
  // Scripts and not one match: a pattern that misses what the caller meant, not an empty plugin folder.
  const scripts = entries.filter((name) => SCRIPT_FILE.test(name)).sort();
  if (names.length === 0 && scripts.length > 0) {
    const shown = scripts.length > 5 ? `${scripts.slice(0, 5).join(', ')}, …` : scripts.join(', ');
    throw new RunAsMainUsageError(
      `loadPluginsFromDir: no file in ${directory} matches the pattern ${JSON.stringify(pattern)}, but it holds ${scripts.length} script${scripts.length === 1 ? '' : 's'} (${shown}): pass the pattern they match.`,
    );
  }
  const results: PluginResult[] = [];
  for (const name of names) results.push(await loadPlugin(path.join(directory, name), api, runOptions));
  return results;
}

/**
 * Sets the host's `process.argv` for the duration of `fn` (sync or async) and restores it after,
 * even when `fn` throws. Runs get their own argv anyway (the `argv` option): this is for code
 * that reads the host's.
 */
export function patchedArgv<R>(argv: readonly string[], fn: () => R): R {
  if (!Array.isArray(argv) || argv.some((arg) => typeof arg !== 'string')) {
    throw new RunAsMainUsageError('patchedArgv needs `argv` as an array of strings.');
  }
  const original = process.argv;
  process.argv = [...argv];
  let result: R;
  try {
    result = fn();
  } catch (error) {
    process.argv = original;
    throw error;
  }
  if (result instanceof Promise) {
    return result.finally(() => {
      process.argv = original;
    }) as R;
  }
  process.argv = original;
  return result;
}
