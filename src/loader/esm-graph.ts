import { pathToFileURL } from 'node:url';
import { initSync as initCjsLexer, parse as parseCjsExports } from 'cjs-module-lexer';
import { finishError, nodeError } from '../node-errors.js';
import { NODE_MAJOR } from '../node-version.js';
import { runConsole } from '../sandbox/console.js';
import { runProcess } from '../sandbox/process.js';
import type { RunState } from '../sandbox/run-state.js';
import { builtinNamespace } from './builtins.js';
import { type CompiledModule, compileModule } from './compile.js';
import { EsmRecord, type Namespace } from './esm-record.js';
import { EsmModuleRuntime, type RuntimeHost } from './module-runtime.js';
import type { MockEntry } from './mocks.js';
import { createNamespace, namespaceNames } from './namespace.js';
import type { ModuleFormat, Resolved } from './resolve.js';

/** What the ES module graph asks of the run's registry. */
export interface GraphHost extends RuntimeHost {
  readonly run: RunState;
  /** Whether the module is evaluated once for all runs (`modules: 'shared'`, node_modules). */
  isShared(filePath: string): boolean;
  resolve(specifier: string, parentPath: string, mode: 'require' | 'import'): Resolved;
  /** The mock the import gets, if `options.mocks` has one for it (loader/mocks.ts). */
  mock(specifier: string, parentPath: string, mode: 'require' | 'import'): MockEntry | undefined;
  readSource(filePath: string): string;
  formatOf(filePath: string): ModuleFormat;
  /** `module.exports` of a CommonJS file an ES module imports, evaluated on first import. */
  cjsExportsFor(filePath: string): unknown;
  parseJson(filePath: string): unknown;
  /** A file of no declared type was found to be an ES module (Node 22+ warns of its package.json). */
  noteDetectedModule(filePath: string): void;
}

/** ES modules of runs with `modules: 'shared'`, from node_modules: evaluated once, then reused. */
const sharedRecords = new Map<string, EsmRecord>();

let cjsLexerReady = false;

/** The names a CommonJS file exports, as Node's ESM loader finds them (its lexer, set up on first use). */
function lexCjsExports(source: string): { exports: string[]; reexports: string[] } {
  if (!cjsLexerReady) {
    initCjsLexer();
    cjsLexerReady = true;
  }
  return parseCjsExports(source);
}

/** Node 20 still speaks of import assertions; 22 of attributes. */
function missingJsonAttribute(filePath: string): TypeError {
  const url = pathToFileURL(filePath).href;
  return NODE_MAJOR < 22
    ? nodeError('ERR_IMPORT_ASSERTION_TYPE_MISSING', `Module "${url}" needs an import attribute of type "json"`, TypeError)
    : nodeError('ERR_IMPORT_ATTRIBUTE_MISSING', `Module "${url}" needs an import attribute of "type: json"`, TypeError);
}

/**
 * One run's graph of ES modules, with the CommonJS, JSON, builtin and mocked modules they import:
 * linked (records made, dependencies first), instantiated (export getters live, functions
 * hoisted) and evaluated in Node's order, with live bindings, cycles and top-level await.
 */
export class EsmGraph {
  private readonly records = new Map<string, EsmRecord>();
  /** The run's main module, when it is an ES module. */
  main: EsmRecord | undefined;

  constructor(private readonly host: GraphHost) {}

  private recordsFor(filePath: string): Map<string, EsmRecord> {
    return this.host.isShared(filePath) ? sharedRecords : this.records;
  }

  /** Creates the module's record and, recursively, its dependencies' (Node's link phase). */
  link(filePath: string, capture = false): EsmRecord {
    const existing = this.recordsFor(filePath).get(filePath);
    if (existing) return existing;
    const { host } = this;
    const format = host.formatOf(filePath);
    if (format === 'json') return this.jsonRecord(filePath);
    let compiled: CompiledModule | undefined;
    if (format !== 'commonjs' && format !== 'addon') {
      compiled = compileModule({
        path: filePath,
        source: host.readSource(filePath),
        format: format === 'wasm' ? 'module' : format,
        capture,
        initNames: capture ? Object.keys(host.run.options.initGlobals) : [],
      });
    }
    if (!compiled || compiled.format === 'commonjs') return this.cjsRecord(filePath);
    if (format === 'ambiguous') host.noteDetectedModule(filePath);

    const esm = compiled.esm!;
    const record = new EsmRecord('esm', filePath, 'linking');
    record.compiled = compiled;
    this.recordsFor(filePath).set(filePath, record);
    record.deps = esm.imports.map(({ specifier, attributes }) => this.linkImport(specifier, attributes, filePath));
    record.namespace = createNamespace(this.exportNamesOf(record, new Set()), (name) => this.readExport(record, name));
    record.status = 'linked';
    return record;
  }

  /** The record of what `import … from specifier` in `parentPath` loads. */
  linkImport(specifier: string, attributes: Record<string, string>, parentPath: string): EsmRecord {
    const { host } = this;
    const mocked = host.mock(specifier, parentPath, 'import');
    if (mocked) return this.mockRecordOf(mocked);
    const resolved = host.resolve(specifier, parentPath, 'import');
    if (resolved.kind === 'builtin') return new EsmRecord('builtin', resolved.id, 'evaluated', builtinNamespace(resolved.id) as Namespace);
    if (host.formatOf(resolved.path) === 'json' && attributes.type !== 'json') {
      throw finishError(missingJsonAttribute(resolved.path));
    }
    return this.link(resolved.path);
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

  /** The record of a mock: one per run, whoever imports it. */
  mockRecordOf(mock: MockEntry): EsmRecord {
    mock.record ??= this.mockRecord(mock.key, mock.use());
    return mock.record as EsmRecord;
  }

  /** A mocked module: its own names, and itself as the default export unless it has one. */
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
    const { host } = this;
    const names = new Set<string>();
    if (seen.has(filePath) || (host.formatOf(filePath) !== 'commonjs' && host.formatOf(filePath) !== 'ambiguous')) return names;
    seen.add(filePath);
    let lexed: { exports: string[]; reexports: string[] };
    try {
      lexed = lexCjsExports(host.readSource(filePath));
    } catch {
      return names;
    }
    for (const name of lexed.exports) names.add(name);
    for (const reexport of lexed.reexports) {
      try {
        const resolved = host.resolve(reexport, filePath, 'require');
        if (resolved.kind === 'file') for (const name of this.cjsExportNames(resolved.path, seen)) names.add(name);
      } catch {}
    }
    names.delete('default');
    return names;
  }

  /** Runs the graph below `record` in Node's post-order; a promise only when something awaits. */
  evaluate(record: EsmRecord): Promise<void> | undefined {
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
        const exports = this.host.cjsExportsFor(record.path) as Namespace | undefined;
        // Named exports are a snapshot of module.exports when it finished, as in Node.
        record.values = { default: exports, 'module.exports': exports };
        for (const name of record.cjsNames!) record.values[name] = exports?.[name];
        return undefined;
      }
      case 'json':
        record.values!.default = this.host.parseJson(record.path);
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
    const isEntry = this.main === record;
    const runtime = new EsmModuleRuntime(this.host, record, isEntry);
    const initValues = isEntry ? Object.values(this.host.run.options.initGlobals) : [];
    const body = record.compiled!.factory(runProcess, runConsole, ...initValues)(runtime) as Generator | AsyncGenerator;
    record.body = body;
    const header = body.next();
    if (header instanceof Promise) header.catch(() => {});
  }

  /**
   * The top-level await that never settled, as Node names it: the module suspended at one whose
   * evaluation has not finished (a dependency's, when the main module waits for it).
   */
  unsettledAwait(): { url: string; line: number; text: string; column: number } | undefined {
    for (const record of this.records.values()) {
      if (record.status !== 'evaluating' || record.suspendedAt === undefined) continue;
      const position = record.compiled?.esm?.topLevelAwaits[record.suspendedAt];
      if (!position) continue;
      const text = this.sourceLine(record.path, position.line);
      return { url: pathToFileURL(record.path).href, line: position.line, column: position.column, text };
    }
    return undefined;
  }

  private sourceLine(filePath: string, line: number): string {
    try {
      return this.host.readSource(filePath).split(/\r?\n/)[line - 1] ?? '';
    } catch {
      return ''; // gone from the run's view since it was loaded
    }
  }
}
