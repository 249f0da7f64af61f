/**
 * The names by which compiled code reaches its module's runtime: the transforms write them into
 * the code (esm-transform.ts, cjs-transform.ts, compile.ts), module-runtime.ts implements them.
 * Top-level names of a module starting with `__rm` are reserved.
 */

/** The parameter holding the module's runtime object (`__rm.i(…)` is an `import()`). */
export const RUNTIME = '__rm';

/** The runtime's members, as compiled code calls them; their meaning is {@link EsmRuntime}'s. */
export const RUNTIME_MEMBER = {
  capture: 'c',
  dynamicImport: 'i',
  imports: 'd',
  importMeta: 'm',
  exports: 'x',
  topLevelAwait: 'w',
} as const satisfies Record<string, keyof EsmRuntime>;

/** `import(` becomes this, of the same length, so that positions in the line hold. */
export const DYNAMIC_IMPORT_CALL = `${RUNTIME}.${RUNTIME_MEMBER.dynamicImport}`;

/** The hoisted function appended to the main module that snapshots its top-level bindings. */
export const CAPTURE_FUNCTION = `${RUNTIME}$capture`;

/** Compiled code's own locals: `__rm$0` is the namespace of the first import, `__rm$o` the capture's object. */
export const LOCAL_PREFIX = `${RUNTIME}$`;

/** What a CommonJS module's code reaches through `__rm`. */
export interface CjsRuntime {
  /** The main module hands over its namespace capture (`__rm.c(__rm$capture)`). */
  c(capture: () => Record<string, unknown>): void;
  /** `import(specifier, options)`. */
  i(specifier: unknown, options?: unknown): Promise<Record<string, unknown>>;
}

/** What an ES module's code reaches through `__rm`. */
export interface EsmRuntime extends CjsRuntime {
  /** The namespaces of the module's imports, in order: `__rm.d[0]` is the first import's. */
  readonly d: readonly Record<string, unknown>[];
  /** `import.meta`. */
  readonly m: Record<string, unknown>;
  /** Called once by the module's header with a getter per export name, in the order of its export names. */
  x(...getters: (() => unknown)[]): void;
  /** Wraps the operand of the i-th top-level `await` (`await __rm.w(i, x)`); returns it. */
  w(index: number, value: unknown): unknown;
}
