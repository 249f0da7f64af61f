import type { CompiledModule } from './compile.js';

export type Namespace = Record<string, unknown>;

type RecordStatus = 'linking' | 'linked' | 'evaluating' | 'evaluated' | 'errored';

/** The namespace a record has until its own is made (never read: linking replaces it). */
const EMPTY_NAMESPACE: Namespace = Object.freeze(Object.create(null));

/**
 * A module in the ESM graph: an ES module, or a CommonJS/JSON/builtin/mocked one imported by one.
 * Made per module and run, so a class: see CONTRIBUTING.md, "Objects made per run".
 */
export class EsmRecord {
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
