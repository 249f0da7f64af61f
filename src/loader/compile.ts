import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { type CjsTransformResult, headerOnItsOwnLine, transformCjs } from './cjs-transform.js';
import { type EsmTransformResult, transformEsm } from './esm-transform.js';
import { parseWithAcorn, parsesWithOxc } from './parse.js';
import { registerCompiledFile, type SourceMapV3 } from '../traceback/source-maps.js';
import { RUNTIME } from './runtime-names.js';
import { toNodeSyntaxError } from './syntax-error.js';
import { warmUpNativeCode } from './native-warmup.js';
import { toolHooks } from './coverage-hooks.js';
import { debuggerExpected, stripTypeScript } from './strip-ts.js';
import { type CompiledBody, compileBody } from './tool-compile.js';
import { needsTransform, transformTypeScript } from './transform-ts.js';

warmUpNativeCode();

export type SourceFormat = 'commonjs' | 'module' | 'ambiguous';

/** A file compiled once per content and variant, then evaluated afresh by every run. */
export interface CompiledModule {
  format: 'commonjs' | 'module';
  /** The name in stack traces: the path for CommonJS, the file: URL for ESM (as Node names them). */
  stackName: string;
  /**
   * CommonJS: `(process, console, __rm, ...initValues) => wrapper(exports, require, module, __filename, __dirname)`.
   * ESM: `(process, console, ...initValues) => body(__rm)`, a generator that pauses after its
   * header line (async when the module has top-level await).
   */
  factory: (...args: unknown[]) => (...args: unknown[]) => unknown;
  /** ESM linking data (imports, star exports, export names, top-level await). */
  esm:
    | (Omit<EsmTransformResult, 'code' | 'map' | 'topLevelAwaits' | 'importedNames'> & {
        topLevelAwaits: SourcePosition[];
        /** Export name → index of its getter in `__rm.x(...getters)`. */
        exportIndex: Map<string, number>;
      })
    | undefined;
}

export interface CompileRequest {
  path: string;
  source: string;
  format: SourceFormat;
  /** Compile with a namespace capture (the main script). */
  capture: boolean;
  initNames: readonly string[];
}

interface CacheEntry {
  source: string;
  compiled: CompiledModule;
}

const cache = new Map<string, CacheEntry>();

/** A 1-based line and 0-based column in the file as the user wrote it. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** Where an offset of the code that ran is in the original source (through the TypeScript map). */
function originalPositionOf(code: string, offset: number, tsMap: SourceMapV3 | undefined): SourcePosition {
  const before = code.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1);
  if (!tsMap) return { line, column };
  const mapped = originalPositionFor(new TraceMap(tsMap as ConstructorParameters<typeof TraceMap>[0]), { line, column });
  return mapped.line === null || mapped.column === null ? { line, column } : { line: mapped.line, column: mapped.column };
}

const ESM_HINT = /\b(?:import|export)\b|\bawait\b/;

/** Node's detection for files of no declared type: ESM when only ESM syntax makes them parse. */
export function detectFormat(source: string): 'commonjs' | 'module' {
  if (!ESM_HINT.test(source)) return 'commonjs';
  if (parsesWithOxc(source, 'script')) return 'commonjs';
  if (parsesWithOxc(source, 'module')) return 'module';
  // Neither: a syntax error, or a file oxc is stricter about than acorn. acorn decides.
  try {
    parseWithAcorn(source, 'script');
    return 'commonjs';
  } catch {
    try {
      parseWithAcorn(source, 'module');
      return 'module';
    } catch {
      return retriesAsModule(source) ? 'module' : 'commonjs';
    }
  }
}

/**
 * A file that parses as neither: Node compiles it as CommonJS, and tries it as an ES module when
 * V8's error is one only module syntax or only the CommonJS wrapper causes (shouldRetryAsESM in
 * lib/internal/modules/helpers); the error reported is then the module's.
 */
const RETRY_AS_MODULE = new Set([
  'Cannot use import statement outside a module',
  "Unexpected token 'export'",
  "Cannot use 'import.meta' outside a module",
  "Identifier 'module' has already been declared",
  "Identifier 'exports' has already been declared",
  "Identifier 'require' has already been declared",
  "Identifier '__filename' has already been declared",
  "Identifier '__dirname' has already been declared",
  'await is only valid in async functions and the top level bodies of modules',
]);

function retriesAsModule(source: string): boolean {
  try {
    vm.compileFunction(source.startsWith('#!') ? `//${source.slice(2)}` : source, CJS_PARAMETERS);
    return false;
  } catch (error) {
    return error instanceof SyntaxError && RETRY_AS_MODULE.has(error.message);
  }
}

function compileFunction(code: string, params: string[], filename: string, columnOffset?: number): CompiledModule['factory'] {
  const offsets = columnOffset === undefined ? { lineOffset: -1 } : { columnOffset };
  return vm.compileFunction(code, params, { filename, ...offsets }) as CompiledModule['factory'];
}

/** The parameters of Node's CommonJS wrapper. */
const CJS_PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname'];

/**
 * The CommonJS wrapper, compiled. A file that does not parse is compiled again as Node compiles it
 * (its text alone, the wrapper's parameters), so that the SyntaxError is V8's own, at the file's
 * line and column (the wrapper's closing brace would otherwise be where an unfinished file ends);
 * should the file alone compile, the wrapper's error stands, with its header on a line of its own.
 */
function compileCjs(cjs: CjsTransformResult, code: string, params: string[], filename: string): CompiledModule['factory'] {
  try {
    return compileFunction(cjs.code, params, filename, cjs.columnOffset);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    vm.compileFunction(code.startsWith('#!') ? `//${code.slice(2)}` : code, CJS_PARAMETERS, { filename });
    return compileFunction(headerOnItsOwnLine(cjs), params, filename);
  }
}

/** What becomes of a compiled body: compiled by V8 (and registered for tracebacks), or kept. */
type ToFactory = (compiled: CompiledBody, request: CompileRequest) => CompiledModule['factory'];

/** The CommonJS wrapper with its header on its own line (`lineOffset: -1`); a SyntaxError as {@link compileCjs} reports it. */
function compileOwnLine(ownLine: string, cjs: CjsTransformResult, code: string, params: string[], filename: string): CompiledModule['factory'] {
  try {
    return compileFunction(ownLine, params, filename);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return compileCjs(cjs, code, params, filename);
  }
}

/**
 * `keep`: what becomes of the body instead (the plugin keeps it); without it, coverage's tools
 * compile it (tool-compile.ts), or, in ordinary runs, it is compiled here directly (no frame more
 * between a SyntaxError and the `require` that met it: V8 keeps ten).
 */
function compile(request: CompileRequest, keep?: ToFactory, coverage = toolHooks()?.coverage !== undefined): CompiledModule {
  const toFactory = keep ?? (coverage ? compileBody : undefined);
  const { path, initNames } = request;
  let code = request.source;
  const maps: SourceMapV3[] = [];
  const typescript = needsTransform(path);
  if (typescript) {
    // With a debugger expected or coverage on, types stripped in place when that is all the file
    // needs: the code keeps the source's lines and columns (breakpoints set by line, coverage's
    // columns); the transform otherwise, and always in ordinary runs (it is much the cheaper).
    const stripped = debuggerExpected || coverage ? stripTypeScript(path, code, request.format) : undefined;
    if (stripped !== undefined) code = stripped;
    else {
      const transformed = transformTypeScript(path, code, request.format);
      code = transformed.code;
      maps.push(transformed.map);
    }
  }
  const format = request.format === 'ambiguous' ? detectFormat(code) : request.format;

  if (format === 'commonjs') {
    const cjs = transformCjs(code, { capture: request.capture, initNames });
    const info = { source: request.source, maps: () => maps, lineShift: 0, transformed: typescript };
    const params = ['process', 'console', RUNTIME, ...initNames];
    // Under coverage, the header on a line of its own: the wrapper function's start then maps to
    // nothing, where a tool would otherwise find the file's first column beside it.
    const ownLine = coverage ? headerOnItsOwnLine(cjs) : undefined;
    const compiled: CompiledBody = {
      body: ownLine ?? cjs.code,
      stackName: path,
      info,
      codeStart: -cjs.columnOffset + (ownLine ? 1 : 0),
      mapsIncludeHeader: false,
      compile: (filename) => (ownLine ? compileOwnLine(ownLine, cjs, code, params, filename) : compileCjs(cjs, code, params, filename)),
      params,
    };
    if (!toFactory) {
      registerCompiledFile(path, info);
      return { format, stackName: path, factory: compileCjs(cjs, code, params, path), esm: undefined };
    }
    return { format, stackName: path, factory: toFactory(compiled, request), esm: undefined };
  }

  const url = pathToFileURL(path).href;
  let transformed: EsmTransformResult;
  try {
    transformed = transformEsm(code, url, { capture: request.capture, freeNames: initNames });
  } catch (error) {
    throw toNodeSyntaxError(error, code, url);
  }
  const { code: body, imports, starExports, exportNames, hasTopLevelAwait, topLevelNames, topLevelAwaits } = transformed;
  const awaitPositions = topLevelAwaits.map((offset) => originalPositionOf(code, offset, maps[0]));
  const exportIndex = new Map(exportNames.map((name, index) => [name, index]));
  const esm = { imports, starExports, exportNames, exportIndex, hasTopLevelAwait, topLevelNames, topLevelAwaits: awaitPositions };
  const headerEnd = body.indexOf('\n');
  // A generator, paused after the header: instantiation (export getters, hoisted functions)
  // happens for the whole graph before any body runs, as ESM requires for cycles.
  const wrapped = `return ${hasTopLevelAwait ? 'async ' : ''}function* (${RUNTIME}) {${body.slice(0, headerEnd)}yield;${body.slice(headerEnd)}\n}`;
  const info = {
    source: request.source,
    maps: () => [transformed.map, ...maps],
    lineShift: 1,
    transformed: typescript,
    importedNames: transformed.importedNames,
  };
  const params = ['process', 'console', ...initNames];
  const compiled: CompiledBody = {
    body: wrapped,
    stackName: url,
    info,
    codeStart: wrapped.indexOf('\n') + 1,
    mapsIncludeHeader: true,
    compile: (filename) => compileFunction(wrapped, params, filename),
    params,
  };
  if (!toFactory) {
    registerCompiledFile(url, info);
    return { format, stackName: url, factory: compileFunction(wrapped, params, url), esm };
  }
  return { format, stackName: url, factory: toFactory(compiled, request), esm };
}

/**
 * The compiled form of a file, from cache when the content is the same: repeated runs neither
 * re-parse nor re-transform. Throws the script's SyntaxError.
 */
export function compileModule(request: CompileRequest): CompiledModule {
  const key = `${request.path}\0${request.format}\0${request.capture ? `capture:${request.initNames.join(',')}` : ''}`;
  // Watch mode: which files this test's runs loaded (only with the vitest plugin's hooks on).
  toolHooks()?.loadedFiles?.add(request.path);
  const hit = cache.get(key);
  if (hit && hit.source === request.source) return hit.compiled;
  const compiled = compile(request);
  cache.set(key, { source: request.source, compiled });
  return compiled;
}



/**
 * The body a compile of this request hands V8, without compiling it: the vitest plugin compiles a
 * file again in vitest's main process to give the v8 provider the code whose offsets V8 reported.
 */
export function compiledBodyOf(request: CompileRequest): CompiledBody {
  let kept: CompiledBody | undefined;
  const keep: ToFactory = (compiled) => {
    kept = compiled;
    return () => () => undefined;
  };
  // As the worker compiled it with coverage on.
  compile(request, keep, true);
  return kept!;
}
