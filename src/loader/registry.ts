import type ImportedModule from 'node:module';
import { createRequire as hostCreateRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { initSync as initCjsLexer, parse as parseCjsExports } from 'cjs-module-lexer';
import { runConsole } from '../sandbox/console.js';
import { runProcess } from '../sandbox/process.js';
import type { RunState } from '../sandbox/run-state.js';
import { builtinId, builtinNamespace, Module, type RunLoader, requireBuiltin, runLoaders } from './builtins.js';
import { createNamespace, namespaceNames } from './namespace.js';
import { type CompiledModule, compileModule } from './compile.js';
import { cachedModuleFormat, cachedResolve } from './cross-run-cache.js';
import { findPackageScope, type ResolveContext, type ResolveFs, type Resolved, resolveModule } from './resolve.js';
import { finishError, invalidArgType, invalidArgValue, nodeError, systemError } from '../node-errors.js';
import { NODE_MAJOR, nodeHas } from '../node-version.js';

let cjsLexerReady = false;

/** The names a CommonJS file exports, as Node's ESM loader finds them (its lexer, set up on first use). */
function lexCjsExports(source: string): { exports: string[]; reexports: string[] } {
  if (!cjsLexerReady) {
    initCjsLexer();
    cjsLexerReady = true;
  }
  return parseCjsExports(source);
}

type Namespace = Record<string, unknown>;

/** A CommonJS module as Node builds it (`new Module`), with its require pointing at our loader. */
type CjsModule = ImportedModule & { exports: unknown; loaded: boolean; filename: string };

type RecordStatus = 'linking' | 'linked' | 'evaluating' | 'evaluated' | 'errored';

/**
 * A module in the ESM graph: an ES module, or a CommonJS/JSON/builtin/mocked one imported by one.
 * Made per module and run, so a class: see CONTRIBUTING.md, "Objects made per run".
 */
class EsmRecord {
  /** CommonJS: the export names cjs-module-lexer found. */
  cjsNames?: string[];
  compiled?: CompiledModule;
  deps?: EsmRecord[];
  /** The module body, instantiated (export getters live, functions hoisted) and paused. */
  body?: Generator | AsyncGenerator;
  /** The getters of `compiled.esm.exportNames`, in that order (from the module's header). */
  getters?: (() => unknown)[];
  /** CommonJS/JSON values, read by the namespace after evaluation. */
  values?: Record<string, unknown>;
  promise?: Promise<void>;
  error?: unknown;
  /** The top-level await the body is suspended at (index into the module's awaits), if any. */
  suspendedAt?: number;

  constructor(
    readonly kind: 'esm' | 'cjs' | 'json' | 'builtin' | 'mock',
    readonly path: string,
    public status: RecordStatus,
    public namespace: Namespace = EMPTY_NAMESPACE,
  ) {}
}

/** The namespace a record has until its own is made (never read: linking replaces it). */
const EMPTY_NAMESPACE: Namespace = Object.freeze(Object.create(null));

/** Whether Node has `import.meta.main` (22.18+, 23, 24.2+): the run mirrors the host's Node. */
const HAS_IMPORT_META_MAIN = nodeHas('22.18', '23.0', '24.2');

/** Node 20 still speaks of import assertions; 22 of attributes. */
function missingJsonAttribute(filePath: string): TypeError {
  const url = pathToFileURL(filePath).href;
  return NODE_MAJOR < 22
    ? nodeError('ERR_IMPORT_ASSERTION_TYPE_MISSING', `Module "${url}" needs an import attribute of type "json"`, TypeError)
    : nodeError('ERR_IMPORT_ATTRIBUTE_MISSING', `Module "${url}" needs an import attribute of "type: json"`, TypeError);
}

/**
 * Third-party modules of runs with `modules: 'shared'`: evaluated by the first run that loads
 * them, then reused. They see each run's process and console all the same (those dispatch on
 * the current run), but their own state is shared, and what they require resolves through the
 * registry of the run that first loaded them.
 */
const sharedModules = {
  cjs: Object.create(null) as Record<string, CjsModule>,
  esm: new Map<string, EsmRecord>(),
};

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

/**
 * Where a `require` function was made: what its calls resolve from. A run's require,
 * require.resolve and require.resolve.paths are closures over this one object, named as Node's:
 * binding and then renaming a function costs ~0.4 µs per function, several percent of a warm run.
 */
class RequireSite {
  constructor(
    readonly registry: ModuleRegistry,
    readonly module: CjsModule | undefined,
    readonly parentPath: string,
  ) {}
}

// Named through an object key, as a bundler may rename a function's own name (`require2`); plain
// functions, not arrows, as Node's have a prototype.
function requireFunction(site: RequireSite) {
  return {
    // biome-ignore lint/complexity/useArrowFunction: a function like Node's, with a prototype
    require: function (id: unknown): unknown {
      return site.registry.requireAt(site, id);
    },
  }.require;
}

function resolveFunction(site: RequireSite) {
  return {
    // biome-ignore lint/complexity/useArrowFunction: a function like Node's, with a prototype
    resolve: function (request: unknown, options?: { paths?: string[] }): string {
      return site.registry.resolveAt(site, request, options);
    },
  }.resolve;
}

function pathsFunction(site: RequireSite) {
  return {
    // biome-ignore lint/complexity/useArrowFunction: a function like Node's, with a prototype
    paths: function (request: string): string[] | null {
      if (builtinId(request)) return null;
      // Node's own answer from the module's `paths` (which a script may change): for a bare
      // request those and the global folders (~/.node_modules…), for a relative one its directory.
      const parent = site.module ?? { id: site.parentPath, filename: site.parentPath, paths: nodeModulePaths(path.dirname(site.parentPath)) };
      return (Module as unknown as { _resolveLookupPaths(request: string, parent: object): string[] | null })._resolveLookupPaths(
        request,
        parent,
      );
    },
  }.paths;
}

/** Node's `_nodeModulePaths(dir)`, computed once per directory: each caller gets its own copy. */
const nodeModulePathsByDir = new Map<string, readonly string[]>();

function nodeModulePaths(dir: string): string[] {
  let paths = nodeModulePathsByDir.get(dir);
  if (paths === undefined) {
    paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dir);
    nodeModulePathsByDir.set(dir, paths);
  }
  return paths.slice();
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
 * What a CommonJS module's code reaches through `__rm` (cjs-transform.ts). A class, like the other
 * objects made per module and run: see CONTRIBUTING.md, "Objects made per run".
 */
class CjsModuleLinks {
  constructor(
    protected readonly registry: ModuleRegistry,
    protected readonly filePath: string,
    protected readonly isEntry: boolean,
  ) {}

  /** The namespace capture, handed over by the entry module. */
  c(capture: () => Record<string, unknown>): void {
    if (this.isEntry) this.registry.setMainCapture(capture);
  }

  /** `import()`. */
  i(specifier: unknown, options?: unknown): Promise<Namespace> {
    return this.registry.dynamicImport(specifier, this.filePath, options);
  }
}

/** What an ES module's code reaches through `__rm` (esm-transform.ts). */
class EsmModuleLinks extends CjsModuleLinks {
  /** The namespaces of the module's imports, in order. */
  readonly d: Namespace[];
  private meta: Record<string, unknown> | undefined;

  constructor(
    registry: ModuleRegistry,
    private readonly record: EsmRecord,
    isEntry: boolean,
  ) {
    super(registry, record.path, isEntry);
    this.d = record.deps!.map(namespaceOf);
  }

  /** `import.meta`: made on first read, as most modules never read it. */
  get m(): Record<string, unknown> {
    this.meta ??= this.registry.importMetaOf(this.filePath, this.isEntry);
    return this.meta;
  }

  /** The export getters, in the order of the module's export names. */
  x(...getters: (() => unknown)[]): void {
    this.record.getters = getters;
  }

  /** Notes the top-level await the module is at; returns its operand. */
  w(index: number, value: unknown): unknown {
    this.record.suspendedAt = index;
    return value;
  }
}

function namespaceOf(record: EsmRecord): Namespace {
  return record.namespace;
}

/** `import.meta` as Node makes it: a null-prototype object, `main` only where Node has it. */
function importMeta(
  filePath: string,
  url: string,
  main: boolean | undefined,
  resolve: (specifier: string) => string,
): Record<string, unknown> {
  const meta = Object.create(null) as Record<string, unknown>;
  meta.dirname = path.dirname(filePath);
  meta.filename = filePath;
  if (main !== undefined) meta.main = main;
  meta.resolve = resolve;
  meta.url = url;
  return meta;
}

/**
 * One run's modules: every file the script loads is evaluated afresh for this run, from code
 * compiled once per file content (compile.ts). CommonJS follows Node's Module semantics
 * (`require.cache`, `require.main`, cycles through partial exports); ES modules are linked,
 * instantiated and evaluated in Node's order, with live bindings and top-level await.
 */
export class ModuleRegistry implements RunLoader {
  /** `require.cache`: path → Module, shared by every require of the run. */
  readonly cjsCache: Record<string, CjsModule> = Object.create(null);
  private readonly esmRecords = new Map<string, EsmRecord>();
  private readonly mockValues = new Map<string, unknown>();
  private readonly resolveContext: ResolveContext;

  /** `fs`: the files the run's modules are read from. */
  constructor(
    private readonly run: RunState,
    fs: ResolveFs,
  ) {
    this.resolveContext = new RunResolveContext(fs, run.options.cwd);
    runLoaders.set(run, this);
  }

  /**
   * Where a module lives: the run's own registry, or with `modules: 'shared'` and a file inside
   * node_modules, the process-wide one, so that third-party code is evaluated once for all runs.
   */
  private isShared(filePath: string): boolean {
    // The script itself always runs afresh, even a package's bin run by runModule.
    return (
      this.run.options.modules === 'shared' &&
      filePath !== this.run.mainPath &&
      filePath.includes(`${path.sep}node_modules${path.sep}`)
    );
  }

  private cjsCacheFor(filePath: string): Record<string, CjsModule> {
    return this.isShared(filePath) ? sharedModules.cjs : this.cjsCache;
  }

  private recordsFor(filePath: string): Map<string, EsmRecord> {
    return this.isShared(filePath) ? sharedModules.esm : this.esmRecords;
  }

  // ── resolution ─────────────────────────────────────────────────────────────────────────────

  private resolve(specifier: string, parentPath: string, mode: 'require' | 'import'): Resolved {
    return cachedResolve(specifier, parentPath, mode, this.resolveContext, () =>
      resolveModule(specifier, parentPath, mode, this.resolveContext),
    );
  }

  private mock(specifier: string): { found: boolean; value?: unknown } {
    const mocks = this.run.options.mocks;
    if (!mocks.has(specifier)) return { found: false };
    if (!this.mockValues.has(specifier)) {
      const mock = mocks.get(specifier);
      this.mockValues.set(specifier, typeof mock === 'function' && !('prototype' in mock && mock.prototype) ? mock() : mock);
    }
    return { found: true, value: this.mockValues.get(specifier) };
  }

  private readSource(filePath: string): string {
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

  private formatOf(filePath: string): 'commonjs' | 'module' | 'ambiguous' | 'json' | 'addon' | 'wasm' {
    return cachedModuleFormat(filePath, this.resolveContext);
  }

  // ── CommonJS ───────────────────────────────────────────────────────────────────────────────

  /** A `require` function for `module`, as Node makes it (resolve, resolve.paths, main, cache). */
  makeRequire(module: CjsModule | undefined, parentPath: string): NodeJS.Require {
    const site = new RequireSite(this, module, parentPath);
    const require = requireFunction(site) as NodeJS.Require;
    const resolve = resolveFunction(site) as NodeJS.RequireResolve;
    resolve.paths = pathsFunction(site);
    // Node's order of keys; require.main a snapshot, as Node's (set before any require of the run).
    require.resolve = resolve;
    require.main = this.run.mainModule as NodeJS.Module | undefined;
    require.extensions = (Module as unknown as { _extensions: NodeJS.RequireExtensions })._extensions;
    require.cache = this.cjsCache as NodeJS.Require['cache'];
    return require;
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
    if (this.run.options.mocks.has(request)) return request;
    const resolved = this.resolve(request, parentPath, 'require');
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
    const mocked = this.mock(specifier);
    if (mocked.found) return mocked.value;
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

  private parseJson(filePath: string): unknown {
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
    const rm = new CjsModuleLinks(this, filePath, isEntry);
    const initValues = isEntry ? Object.values(this.run.options.initGlobals) : [];
    const wrapper = compiled.factory(runProcess, runConsole, rm, ...initValues);
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
    const record = this.link(filePath, undefined);
    const result = this.evaluate(record);
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

  private recordFor(resolved: Resolved, specifier: string): EsmRecord {
    if (resolved.kind === 'builtin') {
      return new EsmRecord('builtin', resolved.id, 'evaluated', builtinNamespace(resolved.id) as Namespace);
    }
    return this.link(resolved.path, specifier);
  }

  /** Creates the module's record and, recursively, its dependencies' (Node's link phase). */
  private link(filePath: string, _specifier: string | undefined, capture = false): EsmRecord {
    const existing = this.recordsFor(filePath).get(filePath);
    if (existing) return existing;
    const format = this.formatOf(filePath);
    if (format === 'json') return this.jsonRecord(filePath);
    let compiled: CompiledModule | undefined;
    if (format !== 'commonjs' && format !== 'addon') {
      compiled = compileModule({
        path: filePath,
        source: this.readSource(filePath),
        format: format === 'wasm' ? 'module' : format,
        capture,
        initNames: capture ? Object.keys(this.run.options.initGlobals) : [],
      });
    }
    if (!compiled || compiled.format === 'commonjs') return this.cjsRecord(filePath);

    const esm = compiled.esm!;
    const record = new EsmRecord('esm', filePath, 'linking');
    record.compiled = compiled;
    this.recordsFor(filePath).set(filePath, record);
    record.deps = esm.imports.map(({ specifier, attributes }) => this.linkImport(specifier, attributes, filePath));
    record.namespace = createNamespace(this.exportNamesOf(record, new Set()), (name) => this.readExport(record, name));
    record.status = 'linked';
    return record;
  }

  private linkImport(specifier: string, attributes: Record<string, string>, parentPath: string): EsmRecord {
    const mocked = this.mock(specifier);
    if (mocked.found) return this.mockRecord(specifier, mocked.value);
    const resolved = this.resolve(specifier, parentPath, 'import');
    if (resolved.kind === 'file' && this.formatOf(resolved.path) === 'json' && attributes.type !== 'json') {
      throw finishError(missingJsonAttribute(resolved.path));
    }
    return this.recordFor(resolved, specifier);
  }

  private exportNamesOf(record: EsmRecord, seen: Set<EsmRecord>): string[] {
    if (record.kind !== 'esm') return namespaceNames(record.namespace);
    if (seen.has(record)) return [];
    seen.add(record);
    const esm = record.compiled!.esm!;
    const names = new Set(esm.exportNames);
    for (const index of esm.starExports) {
      const dep = record.deps![index]!;
      for (const name of this.exportNamesOf(dep, seen)) if (name !== 'default') names.add(name);
    }
    return [...names];
  }

  private readExport(record: EsmRecord, name: string): unknown {
    const index = record.compiled?.esm?.exportIndex.get(name);
    const getter = index === undefined ? undefined : record.getters?.[index];
    if (getter) return getter();
    if (record.getters) {
      for (const index of record.compiled!.esm!.starExports) {
        const dep = record.deps![index]!;
        if (name in dep.namespace) return dep.namespace[name];
      }
    }
    throw new ReferenceError(`Cannot access '${name}' before initialization`);
  }

  private jsonRecord(filePath: string): EsmRecord {
    const record = new EsmRecord('json', filePath, 'linked');
    record.values = {};
    record.namespace = createNamespace(['default'], () => record.values!.default);
    this.recordsFor(filePath).set(filePath, record);
    return record;
  }

  private mockRecord(specifier: string, value: unknown): EsmRecord {
    const names = value && typeof value === 'object' ? Object.keys(value) : [];
    const namespace = createNamespace([...names, 'default'], (name) =>
      name === 'default' && !names.includes('default') ? value : (value as Namespace)[name],
    );
    return new EsmRecord('mock', specifier, 'evaluated', namespace);
  }

  /** A CommonJS module imported by ESM: default is module.exports, names as cjs-module-lexer finds them. */
  private cjsRecord(filePath: string): EsmRecord {
    const record = new EsmRecord('cjs', filePath, 'linked');
    record.values = {};
    this.recordsFor(filePath).set(filePath, record);
    record.cjsNames = [...this.cjsExportNames(filePath, new Set())];
    // Node 23+ also exports module.exports under its own name.
    const names = NODE_MAJOR >= 23 ? [...record.cjsNames, 'default', 'module.exports'] : [...record.cjsNames, 'default'];
    record.namespace = createNamespace(names, (name) => record.values![name]);
    return record;
  }

  private cjsExportNames(filePath: string, seen: Set<string>): Set<string> {
    const names = new Set<string>();
    if (seen.has(filePath) || this.formatOf(filePath) !== 'commonjs' && this.formatOf(filePath) !== 'ambiguous') return names;
    seen.add(filePath);
    let lexed: { exports: string[]; reexports: string[] };
    try {
      lexed = lexCjsExports(this.readSource(filePath));
    } catch {
      return names;
    }
    for (const name of lexed.exports) names.add(name);
    for (const reexport of lexed.reexports) {
      try {
        const resolved = this.resolve(reexport, filePath, 'require');
        if (resolved.kind === 'file') for (const name of this.cjsExportNames(resolved.path, seen)) names.add(name);
      } catch {}
    }
    names.delete('default');
    return names;
  }

  /** Runs the graph below `record` in Node's post-order; a promise only when something awaits. */
  private evaluate(record: EsmRecord): Promise<void> | undefined {
    if (record.status === 'evaluated') return undefined;
    if (record.status === 'errored') throw record.error;
    if (record.status === 'evaluating') return record.promise; // a cycle, or a pending async module
    record.status = 'evaluating';
    try {
      if (record.kind === 'esm') this.instantiate(record, new Set());
      const pending = this.evaluateFrom(record, 0);
      if (!pending) {
        record.status = 'evaluated';
        return undefined;
      }
      record.promise = pending.then(
        () => {
          record.status = 'evaluated';
        },
        (error) => {
          record.status = 'errored';
          record.error = error;
          throw error;
        },
      );
      return record.promise;
    } catch (error) {
      record.status = 'errored';
      record.error = error;
      throw error;
    }
  }

  private evaluateFrom(record: EsmRecord, start: number): Promise<void> | undefined {
    const deps = record.deps ?? [];
    for (let i = start; i < deps.length; i++) {
      const dep = deps[i]!;
      if (dep.status === 'evaluating' && !dep.promise) continue; // a cycle back to an ancestor
      const pending = this.evaluate(dep);
      if (pending) return pending.then(() => this.evaluateFrom(record, i + 1));
    }
    return this.evaluateBody(record);
  }

  private evaluateBody(record: EsmRecord): Promise<void> | undefined {
    switch (record.kind) {
      case 'cjs': {
        const module = this.cjsCacheFor(record.path)[record.path] ?? this.loadCjsOrOther(record.path, undefined, undefined);
        const exports = module.exports as Namespace | undefined;
        // Named exports are a snapshot of module.exports when it finished, as in Node.
        record.values = { default: exports, 'module.exports': exports };
        for (const name of record.cjsNames!) record.values[name] = exports?.[name];
        return undefined;
      }
      case 'json':
        record.values!.default = this.parseJson(record.path);
        return undefined;
      case 'esm': {
        const step = record.body!.next();
        if (step instanceof Promise) return step.then(() => undefined);
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** Runs each module body up to its header: export getters defined, functions hoisted. */
  private instantiate(record: EsmRecord, seen: Set<EsmRecord>): void {
    if (seen.has(record)) return;
    seen.add(record);
    if (record.kind !== 'esm' || record.body) return;
    for (const dep of record.deps ?? []) this.instantiate(dep, seen);
    const isEntry = this.mainRecord === record;
    const rm = new EsmModuleLinks(this, record, isEntry);
    const initValues = isEntry ? Object.values(this.run.options.initGlobals) : [];
    const body = record.compiled!.factory(runProcess, runConsole, ...initValues)(rm) as Generator | AsyncGenerator;
    record.body = body;
    const header = body.next();
    if (header instanceof Promise) header.catch(() => {});
  }

  private mainRecord: EsmRecord | undefined;
  private entryModule: CjsModule | undefined;

  /** `module.exports` of a CommonJS entry, or the namespace of an ESM one. */
  entryExports(): unknown {
    return this.mainRecord ? this.mainRecord.namespace : this.entryModule?.exports;
  }

  get entryIsEsm(): boolean {
    return this.mainRecord !== undefined;
  }

  /** `import()` from any module of the run: always asynchronous, as in Node. */
  dynamicImport(specifier: unknown, parentPath: string, options?: unknown): Promise<Namespace> {
    return Promise.resolve().then(() => {
      const text = String(specifier);
      const mocked = this.mock(text);
      if (mocked.found) return this.mockRecord(text, mocked.value).namespace;
      const attributes = ((options as { with?: Record<string, string> } | undefined)?.with ?? {}) as Record<string, string>;
      const record = this.linkImport(text, attributes, parentPath);
      const pending = this.evaluate(record);
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
    if (!this.isEsmEntry(filePath)) {
      this.loadCjsOrOther(filePath, undefined, { asMain });
      return undefined;
    }
    const record = this.link(filePath, undefined, true);
    this.mainRecord = record;
    return this.evaluate(record);
  }

  private isEsmSource(filePath: string, format: string): boolean {
    if (format !== 'ambiguous') return false;
    const compiled = compileModule({
      path: filePath,
      source: this.readSource(filePath),
      format: 'ambiguous',
      capture: true,
      initNames: Object.keys(this.run.options.initGlobals),
    });
    return compiled.format === 'module';
  }

  /**
   * The top-level await that never settled, as Node names it: the module suspended at one whose
   * evaluation has not finished (a dependency's, when the main module waits for it).
   */
  unsettledAwait(): { url: string; line: number; text: string; column: number } | undefined {
    for (const record of this.esmRecords.values()) {
      if (record.status !== 'evaluating' || record.suspendedAt === undefined) continue;
      const position = record.compiled?.esm?.topLevelAwaits[record.suspendedAt];
      if (!position) continue;
      const source = this.resolveContext.fs.readFile(record.path) ?? '';
      const text = source.split(/\r?\n/)[position.line - 1] ?? '';
      return { url: pathToFileURL(record.path).href, line: position.line, column: position.column, text };
    }
    return undefined;
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
