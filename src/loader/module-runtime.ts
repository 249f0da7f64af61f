import path from 'node:path';
import type { EsmRecord, Namespace } from './esm-record.js';
import type { CjsRuntime, EsmRuntime } from './runtime-names.js';

/** What a module's runtime asks of the run's registry. */
export interface RuntimeHost {
  /** The main module's namespace capture. */
  setMainCapture(capture: () => Record<string, unknown>): void;
  /** `import()` from the module at `parentPath`: always asynchronous, as in Node. */
  dynamicImport(specifier: unknown, parentPath: string, options?: unknown): Promise<Namespace>;
  /** `import.meta` of a module. */
  importMetaOf(filePath: string, isEntry: boolean): Record<string, unknown>;
}

/**
 * What a CommonJS module's code reaches through `__rm` (cjs-transform.ts). A class, like the other
 * objects made per module and run: see CONTRIBUTING.md, "Objects made per run".
 */
export class CjsModuleRuntime implements CjsRuntime {
  constructor(
    protected readonly host: RuntimeHost,
    protected readonly filePath: string,
    protected readonly isEntry: boolean,
  ) {}

  c(capture: () => Record<string, unknown>): void {
    if (this.isEntry) this.host.setMainCapture(capture);
  }

  i(specifier: unknown, options?: unknown): Promise<Namespace> {
    return this.host.dynamicImport(specifier, this.filePath, options);
  }
}

/** What an ES module's code reaches through `__rm` (esm-transform.ts). */
export class EsmModuleRuntime extends CjsModuleRuntime implements EsmRuntime {
  readonly d: Namespace[];
  private meta: Record<string, unknown> | undefined;

  constructor(
    host: RuntimeHost,
    private readonly record: EsmRecord,
    isEntry: boolean,
  ) {
    super(host, record.path, isEntry);
    this.d = record.deps!.map(namespaceOf);
  }

  /** `import.meta`: made on first read, as most modules never read it. */
  get m(): Record<string, unknown> {
    this.meta ??= this.host.importMetaOf(this.filePath, this.isEntry);
    return this.meta;
  }

  x(...getters: (() => unknown)[]): void {
    this.record.getters = getters;
  }

  w(index: number, value: unknown): unknown {
    this.record.suspendedAt = index;
    return value;
  }
}

function namespaceOf(record: EsmRecord): Namespace {
  return record.namespace;
}

/** `import.meta` as Node makes it: a null-prototype object, `main` only where Node has it. */
export function importMeta(
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
