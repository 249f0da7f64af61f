import { createRequire as hostCreateRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { finishError, invalidArgType, invalidArgValue, nodeError, systemError } from '../node-errors.js';
import { nodeHas } from '../node-version.js';
import { runConsole } from '../sandbox/console.js';
import { runProcess } from '../sandbox/process.js';
import type { RunState } from '../sandbox/run-state.js';
import { Module, type RunLoader, requireBuiltin, runLoaders } from './builtins.js';
import { type CompiledModule, compileModule, detectFormat } from './compile.js';
import { cachedModuleFormat, cachedResolve } from './cross-run-cache.js';
import { EsmGraph, type GraphHost } from './esm-graph.js';
import type { Namespace } from './esm-record.js';
import { CjsModuleRuntime, importMeta } from './module-runtime.js';
import { type MockEntry, RunMocks } from './mocks.js';
import { createNamespace, namespaceNames } from './namespace.js';
import { TypelessPackageWarnings } from './typeless-warnings.js';
import { type CjsModule, createRequireFunction, nodeModulePaths, type RequireHost, RequireSite } from './require.js';
import { findPackageScope, type ModuleFormat, type ResolveContext, type ResolveFs, type Resolved, resolveModule } from './resolve.js';

/** Whether Node has `import.meta.main` (22.18+, 23, 24.2+): the run mirrors the host's Node. */
const HAS_IMPORT_META_MAIN = nodeHas('22.18', '23.0', '24.2');


/**
 * Third-party modules of runs with `modules: 'shared'`: evaluated by the first run that loads
 * them, then reused. They see each run's process and console all the same (those dispatch on
 * the current run), but their own state is shared, and what they require resolves through the
 * registry of the run that first loaded them.
 */
const sharedCjsModules = Object.create(null) as Record<string, CjsModule>;

/**
 * What `require(esm)` returns: the namespace, plus `__esModule: true` when the module has a
 * default export and no `__esModule` of its own, as Node adds for transpiled-ESM interop.
 */
function withEsModuleFlag(namespace: Namespace): Namespace {
  if (!('default' in namespace) || '__esModule' in namespace) return namespace;
  return createNamespace([...namespaceNames(namespace), '__esModule'], (name) =>
    name === '__esModule' ? true : namespace[name],
  );
}

/** A bound function named as Node names the original (`resolve`, not `bound resolveImport`). */
function named<T extends Function>(fn: T, name: string): T {
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}

/** What resolution reads and remembers for one run (a class: see CONTRIBUTING.md, "Objects made per run"). */
class RunResolveContext implements ResolveContext {
  readonly cache = new Map<string, unknown>();

  constructor(
    readonly fs: ResolveFs,
    readonly cwd: string,
  ) {}
}

/**
 * One run's modules: every file the script loads is evaluated afresh for this run, from code
 * compiled once per file content (compile.ts). CommonJS follows Node's Module semantics
 * (`require.cache`, `require.main`, cycles through partial exports); ES modules are linked,
 * instantiated and evaluated in Node's order, with live bindings and top-level await.
 */
export class ModuleRegistry implements RunLoader, GraphHost, RequireHost {
  /** `require.cache`: path → Module, shared by every require of the run. */
  readonly cjsCache: Record<string, CjsModule> = Object.create(null);
  /** Made when the run first loads an ES module: most CommonJS runs never do. */
  private esmGraph: EsmGraph | undefined;
  /** `options.mocks` resolved from cwd, when the run first imports anything (loader/mocks.ts). */
  private mocks: RunMocks | undefined;
  private readonly resolveContext: ResolveContext;

  private get esm(): EsmGraph {
    this.esmGraph ??= new EsmGraph(this);
    return this.esmGraph;
  }

  /** `fs`: the files the run's modules are read from. */
  constructor(
    readonly run: RunState,
    fs: ResolveFs,
  ) {
    this.resolveContext = new RunResolveContext(fs, run.options.cwd);
    runLoaders.set(run, this);
  }

  /**
   * Where a module lives: the run's own registry, or with `modules: 'shared'` and a file inside
   * node_modules, the process-wide one, so that third-party code is evaluated once for all runs.
   */
  isShared(filePath: string): boolean {
    // The script itself always runs afresh, even a package's bin run by runModule.
    return (
      this.run.options.modules === 'shared' &&
      filePath !== this.run.mainPath &&
      filePath.includes(`${path.sep}node_modules${path.sep}`) &&
      // An archive target's package is the code under test, unpacked per run (archive.ts).
      (this.run.options.archiveRoot === undefined || !filePath.startsWith(`${this.run.options.archiveRoot}${path.sep}`))
    );
  }

  private cjsCacheFor(filePath: string): Record<string, CjsModule> {
    return this.isShared(filePath) ? sharedCjsModules : this.cjsCache;
  }

  // ── resolution ─────────────────────────────────────────────────────────────────────────────

  resolve(specifier: string, parentPath: string, mode: 'require' | 'import'): Resolved {
    return cachedResolve(specifier, parentPath, mode, this.resolveContext, () =>
      resolveModule(specifier, parentPath, mode, this.resolveContext),
    );
  }

  /** The mock `specifier` imported from `parentPath` gets, if one of `options.mocks` stands for it. */
  mock(specifier: string, parentPath: string, mode: 'require' | 'import'): MockEntry | undefined {
    const given = this.run.options.mocks;
    if (given.size === 0) return undefined;
    this.mocks ??= new RunMocks(given, this.run.options.cwd, this);
    return this.mocks.find(specifier, parentPath, mode);
  }

  /** The keys of `options.mocks` no module of the run imported (`result.unusedMocks`). */
  unusedMocks(): string[] {
    return this.mocks ? this.mocks.unused() : [...this.run.options.mocks.keys()];
  }

  readSource(filePath: string): string {
    // A package the run loads code from may read its own files (SPEC §5, 'memory').
    if (filePath.includes(`${path.sep}node_modules${path.sep}`)) {
      const scope = findPackageScope(filePath, this.resolveContext);
      if (scope) this.run.readableRoots.add(scope.dir);
    }
    const source = this.resolveContext.fs.readFile(filePath);
    if (source === undefined) {
      throw systemError('ENOENT', 'open', filePath);
    }
    return source;
  }

  formatOf(filePath: string): ModuleFormat {
    return cachedModuleFormat(filePath, this.resolveContext);
  }

  // ── CommonJS ───────────────────────────────────────────────────────────────────────────────

  /** A `require` function for `module`, as Node makes it (resolve, resolve.paths, main, cache). */
  makeRequire(module: CjsModule | undefined, parentPath: string): NodeJS.Require {
    return createRequireFunction(new RequireSite(this, module, parentPath), this.run.mainModule, this.cjsCache);
  }

  /** `require(id)` of `site`. */
  requireAt(site: RequireSite, id: unknown): unknown {
    if (typeof id !== 'string') throw invalidArgType('id', 'of type string', id);
    if (id === '') throw invalidArgValue('id', id, 'must be a non-empty string');
    return this.require(id, site.parentPath, site.module);
  }

  /** `require.resolve(request, options)` of `site`. */
  resolveAt(site: RequireSite, request: unknown, options?: { paths?: string[] }): string {
    if (typeof request !== 'string') throw invalidArgType('request', 'of type string', request);
    if (options?.paths) {
      for (const base of options.paths) {
        try {
          return this.resolveForRequire(request, path.join(path.resolve(this.run.cwd, base), '__index.js'));
        } catch {}
      }
    }
    return this.resolveForRequire(request, site.parentPath);
  }

  private resolveForRequire(request: string, parentPath: string): string {
    let resolved: Resolved;
    try {
      resolved = this.resolve(request, parentPath, 'require');
    } catch (error) {
      // A mock of a module that does not exist resolves to its specifier.
      if (this.mock(request, parentPath, 'require')) return request;
      throw error;
    }
    return resolved.kind === 'builtin' ? request : resolved.path;
  }

  createRequire(filename: string | URL): NodeJS.Require {
    const parentPath =
      filename instanceof URL || filename.startsWith('file:') ? fileURLToPath(filename) : String(filename);
    if (!path.isAbsolute(parentPath)) {
      throw invalidArgValue('filename', parentPath, 'must be a file URL object, file URL string, or absolute path string');
    }
    return this.makeRequire(undefined, parentPath);
  }

  private require(specifier: string, parentPath: string, parent: CjsModule | undefined): unknown {
    const mocked = this.mock(specifier, parentPath, 'require');
    if (mocked) return mocked.use();
    const resolved = this.resolve(specifier, parentPath, 'require');
    if (resolved.kind === 'builtin') return requireBuiltin(resolved.id);
    const cached = this.cjsCacheFor(resolved.path)[resolved.path];
    if (cached) return cached.exports;
    return this.loadCjsOrOther(resolved.path, parent, undefined).exports;
  }

  /**
   * Loads a file for `require`: CommonJS, JSON, an addon, or an ES module (`require(esm)`).
   * `entry` is set for the run's target: its namespace is captured, it sees `initGlobals`, and it
   * is `require.main` when it runs as main.
   */
  private loadCjsOrOther(filePath: string, parent: CjsModule | undefined, entry: { asMain: boolean } | undefined): CjsModule {
    const format = this.formatOf(filePath);
    if (format === 'module') return this.requireEsm(filePath, parent);
    const isEntry = entry !== undefined;
    const isMain = entry?.asMain === true;
    const module = new Module(isMain ? '.' : filePath, parent) as CjsModule;
    module.filename = filePath;
    module.paths = nodeModulePaths(path.dirname(filePath));
    this.cjsCacheFor(filePath)[filePath] = module;
    if (isMain) this.run.mainModule = module;
    if (isEntry) this.entryModule = module;
    try {
      if (format === 'json') {
        module.exports = this.parseJson(filePath);
      } else if (format === 'addon') {
        // Native addons cannot be loaded twice into one process: shared by every run (SPEC §3.9).
        module.exports = hostCreateRequire(filePath)(filePath);
      } else {
        const compiled = compileModule({
          path: filePath,
          source: this.readSource(filePath),
          format: format === 'wasm' ? 'commonjs' : format,
          capture: isEntry,
          initNames: isEntry ? Object.keys(this.run.options.initGlobals) : [],
        });
        if (compiled.format === 'module') {
          delete this.cjsCacheFor(filePath)[filePath];
          return this.requireEsm(filePath, parent);
        }
        this.evaluateCjs(module, compiled, isEntry);
      }
    } catch (error) {
      delete this.cjsCacheFor(filePath)[filePath];
      throw error;
    }
    module.loaded = true;
    return module;
  }

  parseJson(filePath: string): unknown {
    const source = this.readSource(filePath);
    try {
      return JSON.parse(source.charCodeAt(0) === 0xfeff ? source.slice(1) : source);
    } catch (error) {
      (error as Error).message = `${filePath}: ${(error as Error).message}`;
      throw error;
    }
  }

  private evaluateCjs(module: CjsModule, compiled: CompiledModule, isEntry: boolean): void {
    const filePath = module.filename;
    const require = this.makeRequire(module, filePath);
    module.require = require as unknown as CjsModule['require'];
    const runtime = new CjsModuleRuntime(this, filePath, isEntry);
    const initValues = isEntry ? Object.values(this.run.options.initGlobals) : [];
    const wrapper = compiled.factory(runProcess, runConsole, runtime, ...initValues);
    wrapper.call(module.exports, module.exports, require, module, filePath, path.dirname(filePath));
  }

  private mainCapture: (() => Record<string, unknown>) | undefined;

  /** `__rm.c` of the entry module: its namespace capture. */
  setMainCapture(capture: () => Record<string, unknown>): void {
    this.mainCapture = capture;
  }

  /** `import.meta` of a module, made when the module first reads it. */
  importMetaOf(filePath: string, isEntry: boolean): Record<string, unknown> {
    const main = HAS_IMPORT_META_MAIN ? isEntry && this.run.options.runName === 'main' : undefined;
    const resolve = named(this.resolveImport.bind(this, filePath), 'resolve');
    return importMeta(filePath, pathToFileURL(filePath).href, main, resolve);
  }

  /** `import.meta.resolve(specifier)` in `filePath`. */
  private resolveImport(filePath: string, specifier: string): string {
    const resolved = this.resolve(specifier, filePath, 'import');
    return resolved.kind === 'builtin' ? resolved.id : pathToFileURL(resolved.path).href;
  }

  // ── ES modules ─────────────────────────────────────────────────────────────────────────────

  /** `require()` of an ES module, as Node ≥ 20.19 does it: synchronous unless it awaits. */
  private requireEsm(filePath: string, parent: CjsModule | undefined): CjsModule {
    const record = this.esm.link(filePath);
    const result = this.esm.evaluate(record);
    if (result) {
      result.catch(() => {});
      const message = `require() cannot be used on an ESM graph with top-level await. Use import() instead. To see where the top-level await comes from, use --experimental-print-required-tla.\n  From ${parent?.filename ?? filePath} \n  Requiring ${filePath} `;
      throw finishError(nodeError('ERR_REQUIRE_ASYNC_MODULE', message));
    }
    const module = new Module(filePath, parent) as CjsModule;
    module.filename = filePath;
    module.exports = withEsModuleFlag(record.namespace);
    module.loaded = true;
    return module;
  }

  private entryModule: CjsModule | undefined;
  private typelessWarnings: TypelessPackageWarnings | undefined;

  /** A file of no declared type turned out to be an ES module (Node warns of its package.json). */
  noteDetectedModule(filePath: string): void {
    this.typelessWarnings ??= new TypelessPackageWarnings(this.run, this.resolveContext);
    this.typelessWarnings.note(filePath);
  }

  /** `module.exports` of a CommonJS file an ES module imports, evaluated on first import. */
  cjsExportsFor(filePath: string): unknown {
    const module = this.cjsCacheFor(filePath)[filePath] ?? this.loadCjsOrOther(filePath, undefined, undefined);
    return module.exports;
  }

  /** `module.exports` of a CommonJS entry, or the namespace of an ESM one. */
  entryExports(): unknown {
    const main = this.esmGraph?.main;
    return main ? main.namespace : this.entryModule?.exports;
  }

  get entryIsEsm(): boolean {
    return this.esmGraph?.main !== undefined;
  }

  /** `import()` from any module of the run: always asynchronous, as in Node. */
  dynamicImport(specifier: unknown, parentPath: string, options?: unknown): Promise<Namespace> {
    return Promise.resolve().then(() => {
      const text = String(specifier);
      const mocked = this.mock(text, parentPath, 'import');
      if (mocked) return this.esm.mockRecordOf(mocked).namespace;
      const attributes = ((options as { with?: Record<string, string> } | undefined)?.with ?? {}) as Record<string, string>;
      const record = this.esm.linkImport(text, attributes, parentPath);
      const pending = this.esm.evaluate(record);
      return pending ? pending.then(() => record.namespace) : record.namespace;
    });
  }

  // ── the main module ────────────────────────────────────────────────────────────────────────

  /**
   * Loads the script as the run's main module. Returns the evaluation of an ES module main that
   * awaits at its top level (pending until it settles), else undefined.
   */
  runMain(filePath: string): Promise<void> | undefined {
    const asMain = this.run.options.runName === 'main';
    this.typelessWarnings?.flush();
    if (!this.isEsmEntry(filePath)) {
      this.loadCjsOrOther(filePath, undefined, { asMain });
      return undefined;
    }
    const record = this.esm.link(filePath, true);
    this.esm.main = record;
    return this.esm.evaluate(record);
  }

  private isEsmSource(filePath: string, format: string): boolean {
    if (format !== 'ambiguous') return false;
    const source = this.readSource(filePath);
    let isModule: boolean;
    try {
      const compiled = compileModule({ path: filePath, source, format: 'ambiguous', capture: true, initNames: Object.keys(this.run.options.initGlobals) });
      isModule = compiled.format === 'module';
    } catch {
      // A syntax error: the run reports it when it loads the file, as the format Node decides on.
      isModule = detectFormat(source) === 'module';
    }
    if (isModule) this.noteDetectedModule(filePath);
    return isModule;
  }

  /**
   * The top-level await that never settled, as Node names it: the module suspended at one whose
   * evaluation has not finished (a dependency's, when the main module waits for it).
   */
  unsettledAwait(): { url: string; line: number; text: string; column: number } | undefined {
    return this.esmGraph?.unsettledAwait();
  }

  /** Whether the script loads as an ES module (by extension, package type or its syntax). */
  isEsmEntry(filePath: string): boolean {
    const format = this.formatOf(filePath);
    return format === 'module' || this.isEsmSource(filePath, format);
  }

  get capture(): (() => Record<string, unknown>) | undefined {
    return this.mainCapture;
  }
}
