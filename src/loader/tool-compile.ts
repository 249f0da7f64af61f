import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { decodedMappings, encodedMappings, TraceMap, traceSegment } from '@jridgewell/trace-mapping';
import { type CompiledFileInfo, registerCompiledFile, type SourceMapV3 } from '../traceback/source-maps.js';
import { COVERAGE_QUERY, type ToolHooks, toolHooks } from './coverage-hooks.js';

/** What a compile needs to be done again elsewhere: the plugin, in vitest's main process, under v8 coverage. */
export interface CompileVariant {
  path: string;
  format: 'commonjs' | 'module' | 'ambiguous';
  capture: boolean;
  initNames: readonly string[];
}

/** A body as the loader hands it to V8, with its names and what a traceback needs of it. */
export interface CompiledBody {
  body: string;
  params: string[];
  /** The name in stack traces: the path for CommonJS, the file: URL for ESM. */
  stackName: string;
  info: CompiledFileInfo;
  /**
   * Where in `body` the file's own code starts, after the loader's header: on the first line of a
   * CommonJS body (which shares it with the file's first line; under coverage the header has a
   * line of its own), on the second of an ES module's.
   */
  codeStart: number;
  /** The first of `info.maps()` is of the body, header included (an ES module's); else of the file's code. */
  mapsIncludeHeader: boolean;
  /** The body compiled as the loader compiles it (its offsets, its SyntaxErrors), under `filename`. */
  compile(filename: string): Factory;
}

type Factory = (...args: unknown[]) => (...args: unknown[]) => unknown;

/** A short digest of a file's content: two contents give two coverage URLs, so no cache serves a stale one. */
export function contentDigest(source: string): string {
  return createHash('sha256').update(source).digest('base64url').slice(0, 16);
}

/**
 * The file: URL a body is compiled under with v8 coverage on: its own name, which the plugin
 * resolves. The query names the variant and the content it was compiled from.
 */
export function coverageUrl(variant: CompileVariant, source: string): string {
  const { format, capture, initNames } = variant;
  const value = `${format}${capture ? `.capture${initNames.map((name) => `.${encodeURIComponent(name)}`).join('')}` : ''}`;
  return `${pathToFileURL(variant.path).href}?${COVERAGE_QUERY}=${value}&digest=${contentDigest(source)}`;
}

/** The variant and content digest a {@link coverageUrl}'s query names, or undefined when the query is not one. */
export function variantOf(path: string, query: string): { variant: CompileVariant; digest: string } | undefined {
  const params = new URLSearchParams(query);
  const value = params.get(COVERAGE_QUERY);
  const digest = params.get('digest');
  if (value === null || digest === null) return undefined;
  const [format, capture, ...names] = value.split('.');
  if (format !== 'commonjs' && format !== 'module' && format !== 'ambiguous') return undefined;
  if (capture !== undefined && capture !== 'capture') return undefined;
  const variant = { path, format, capture: capture === 'capture', initNames: names.map((name) => decodeURIComponent(name)) } as const;
  return { variant, digest };
}

/**
 * Compiles a body with coverage on (the vitest plugin's hooks), and registers it for tracebacks:
 * under v8 coverage, under its {@link coverageUrl}, with stacks still showing the file's own name;
 * under istanbul, the instrumented body, mapped back to the source; a file of node_modules, or one
 * the instrumenter leaves out, as ordinary runs compile it.
 */
export function compileBody(compiled: CompiledBody, variant: CompileVariant): Factory {
  const hooks = toolHooks();
  if (hooks?.coverage !== undefined && !variant.path.includes('/node_modules/')) {
    const factory = compileForCoverage(compiled, variant, hooks);
    if (factory) return factory;
  }
  registerCompiledFile(compiled.stackName, compiled.info);
  return compiled.compile(compiled.stackName);
}

function compileForCoverage(compiled: CompiledBody, variant: CompileVariant, hooks: ToolHooks): Factory | undefined {
  const { body, params, stackName, info } = compiled;
  if (hooks.coverage === 'v8') {
    const url = coverageUrl(variant, info.source);
    let factory: Factory;
    try {
      factory = compiled.compile(url);
    } catch {
      return undefined; // the script's SyntaxError, reported under its own name
    }
    registerCompiledFile(stackName, info);
    registerCompiledFile(url, { ...info, displayName: stackName });
    return factory;
  }
  // istanbul sees the code after the loader's header, inside its wrapper, as a program: the
  // wrapper and the header's getters are no functions of the user's (and would take the first
  // anonymous functions' names).
  const close = body.lastIndexOf('}');
  let instrumented: { code: string; map: SourceMapV3 } | undefined;
  try {
    instrumented = hooks.instrument?.(body.slice(compiled.codeStart, close), variant.path, bodyMap(compiled, variant.path, true));
  } catch {
    instrumented = undefined;
  }
  if (!instrumented) return undefined;
  // The header stays where it was: the instrumented code's lines and columns are V8's.
  const header = body.slice(0, compiled.codeStart);
  const offsets = header.endsWith('\n') ? { lineOffset: -1 } : { columnOffset: -header.length };
  let factory: Factory;
  try {
    factory = vm.compileFunction(`${header}${instrumented.code}\n}`, params, { filename: stackName, ...offsets }) as Factory;
  } catch {
    return undefined;
  }
  const instrumentedMap = instrumented.map;
  registerCompiledFile(stackName, { ...info, maps: () => [instrumentedMap], lineShift: 0 });
  return factory;
}

/**
 * The body as a module's text of the same length (`return` made `void  `), which vitest's v8
 * provider parses: V8's offsets in the function body are offsets in this text.
 */
export function bodyAsModule(body: string): string {
  return body.startsWith('return') ? `void  ${body.slice('return'.length)}` : body;
}

/**
 * A map from a compiled body to the file's source, through the loader's own maps. The header and
 * whatever else the loader added (the namespace capture) map to nothing, so that coverage counts
 * only the user's code. A body without maps keeps the source's lines and columns (CommonJS, and
 * TypeScript stripped in place): it gets a segment at every column. With `program`, the map is of
 * the code from {@link CompiledBody.codeStart} on (what istanbul instruments).
 */
export function bodyMap(compiled: CompiledBody, path: string, program = false): SourceMapV3 {
  const { body, info, codeStart, mapsIncludeHeader } = compiled;
  const maps = info.maps().map((map) => new TraceMap(map as ConstructorParameters<typeof TraceMap>[0]));
  const lines = body.split('\n');
  const sourceLines = info.source.split('\n');
  const startLine = body.slice(0, codeStart).split('\n').length - 1;
  const startColumn = codeStart - (body.lastIndexOf('\n', codeStart - 1) + 1);
  const mappings: ([number] | [number, number, number, number])[][] = program ? [] : Array.from({ length: startLine }, () => []);
  for (let index = startLine; index < lines.length; index++) {
    const segments: ([number] | [number, number, number, number])[] = [];
    mappings.push(segments);
    // A header that shares the line maps to nothing: a tool looking up its wrapper function's
    // start must not find the file's first column.
    if (!program && index === startLine && startColumn > 0) segments.push([0]);
    // The header's part of the line: the first map's columns are the body's (an ES module's map
    // counts the header's line) or the file's (CommonJS: the header shares the file's first line).
    const shift = index === startLine ? startColumn : 0;
    const toMap = mapsIncludeHeader ? 0 : shift;
    const mapLine = mapsIncludeHeader ? index : index - startLine;
    const columns = maps.length > 0 ? mappedColumns(maps[0]!, mapLine).map((column) => column + toMap) : everyColumn(lines[index]!);
    for (const column of columns) {
      if (column < shift) continue;
      let position: { line: number; column: number } | null = { line: mapLine, column: column - toMap };
      for (const map of maps) {
        const segment: readonly number[] | null = traceSegment(map, position.line, position.column);
        if (!segment || segment.length < 4) {
          position = null;
          break;
        }
        position = { line: segment[2]!, column: segment[3]! };
      }
      if (position && position.line < sourceLines.length) segments.push([program ? column - shift : column, 0, position.line, position.column]);
    }
  }
  const trace = new TraceMap({ version: 3, file: path, sources: [path], sourcesContent: [info.source], names: [], mappings });
  return { version: 3, file: path, sources: [path], sourcesContent: [info.source], names: [], mappings: encodedMappings(trace) };
}

/** The generated columns of a line of a map (0-based line). */
function mappedColumns(map: TraceMap, line: number): number[] {
  const segments = decodedMappings(map)[line] ?? [];
  return segments.filter((segment) => segment.length >= 4).map((segment) => segment[0]);
}

/** Every column of a line that did not move (and its end): any position maps exactly, whichever bias a tool looks up with. */
function everyColumn(line: string): number[] {
  return Array.from({ length: line.length + 1 }, (_, column) => column);
}
