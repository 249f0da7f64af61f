import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { fileURLToPath } from 'node:url';

/** A v3 source map, as oxc and magic-string make them. */
export interface SourceMapV3 {
  version: number;
  sources: string[];
  names: string[];
  mappings: string;
  sourcesContent?: (string | null)[];
  file?: string;
}

/**
 * What traceback formatting needs of a file the loader compiled: its original text (for the
 * source line under a report) and the maps from the running code back to it, innermost first.
 */
export interface CompiledFileInfo {
  source: string;
  /** Built on first use: most files never appear in a traceback. */
  maps: () => SourceMapV3[];
  /** Added to a stack line before the first map: the ESM transform's map counts its header line. */
  lineShift: number;
  /** Went through the TypeScript transform: Node shows such frames source-mapped. */
  transformed: boolean;
  /** An ES module's imported names, by the expression its code reads each through. */
  importedNames?: ReadonlyMap<string, string>;
  /** The name stacks show, when the file was compiled under another (v8 coverage's URL). */
  displayName?: string;
  traced?: TraceMap[];
  /** `importedNames`' expressions, longest first, with the names they stand for (made on first use). */
  readBack?: [expression: string, name: string][];
}

/**
 * Keyed by the name the file has in stack traces: a path for CommonJS, a file: URL for ESM (and
 * its path too, for a TypeScript module, which stacks show source-mapped).
 */
const compiledFiles = new Map<string, CompiledFileInfo>();

/**
 * V8 words a failed call after the code's text (`__rm$0.default.exit is not a function`): the
 * names an ES module imports are written back as the script wrote them (`process.exit is not a
 * function`), for a message of code in `stackName`.
 */
export function withImportedNames(stackName: string, message: string): string {
  const info = compiledFiles.get(stackName);
  if (!info?.importedNames || info.importedNames.size === 0) return message;
  info.readBack ??= [...info.importedNames].map(([name, expression]): [string, string] => [expression, name]).sort((a, b) => b[0].length - a[0].length);
  let text = message;
  for (const [expression, name] of info.readBack) if (text.includes(expression)) text = text.split(expression).join(name);
  return text;
}

export function registerCompiledFile(stackName: string, info: Omit<CompiledFileInfo, 'traced' | 'readBack'>): void {
  compiledFiles.set(stackName, info);
  // Stacks show a source-mapped ES module by its path, as node --enable-source-maps does.
  if (info.transformed && stackName.startsWith('file:')) compiledFiles.set(fileURLToPath(stackName), info);
}

export function isCompiledFile(stackName: string): boolean {
  return compiledFiles.has(stackName);
}

/** Whether the file ran through the TypeScript transform (Node shows such frames source-mapped). */
export function isTransformedFile(stackName: string): boolean {
  return compiledFiles.get(stackName)?.transformed === true;
}

/** The name a stack shows for a compiled file. */
export function displayNameOf(stackName: string): string {
  return compiledFiles.get(stackName)?.displayName ?? stackName;
}

export function originalSource(stackName: string): string | undefined {
  return compiledFiles.get(stackName)?.source;
}

/** Maps a 1-based line and column in the running code to the original source, when it moved. */
export function originalPosition(stackName: string, line: number, column: number): { line: number; column: number } {
  const info = compiledFiles.get(stackName);
  if (!info) return { line, column };
  info.traced ??= info.maps().map((map) => new TraceMap(map as ConstructorParameters<typeof TraceMap>[0]));
  let position = { line: line + info.lineShift, column: column - 1 };
  for (const map of info.traced) {
    const mapped = originalPositionFor(map, position);
    if (mapped.line === null || mapped.column === null) break;
    position = { line: mapped.line, column: mapped.column };
  }
  return { line: position.line, column: position.column + 1 };
}
