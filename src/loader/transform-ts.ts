import { transformSync } from 'oxc-transform';
import type { SourceMapV3 } from '../traceback/source-maps.js';
import { throwingModuleFor } from './typescript-syntax-error.js';
import { TRANSFORMED_FILE } from './typescript-paths.js';

export interface TransformedSource {
  code: string;
  /** A v3 source map from the output back to the TypeScript source. */
  map: SourceMapV3;
}

/** Whether a file needs the transform before it can run (TypeScript, JSX). */
export function needsTransform(filename: string): boolean {
  return TRANSFORMED_FILE.test(filename);
}

/**
 * The oxc options every TypeScript file is transformed with, in-process and in `runInNode`'s
 * child (which receives them as JSON): one definition, so both run the same JavaScript.
 */
export const TYPESCRIPT_OPTIONS = {
  sourcemap: true,
  typescript: { onlyRemoveTypeImports: false },
  decorator: { legacy: true },
} as const;

/** oxc's source type for a module format: it decides how emitted helpers are imported. */
export function sourceTypeOf(format: 'commonjs' | 'module' | 'ambiguous' | undefined): 'commonjs' | 'module' | 'unambiguous' {
  return format === 'module' ? 'module' : format === 'commonjs' ? 'commonjs' : 'unambiguous';
}

/**
 * Strips types and lowers TypeScript-only syntax (enums, namespaces, parameter properties) and
 * JSX, keeping module syntax as written. Pure: callers cache by file content. A file that does not
 * parse becomes one that throws its SyntaxError from the error's line, as runInNode's child runs it.
 */
export function transformTypeScript(
  filename: string,
  source: string,
  format?: 'commonjs' | 'module' | 'ambiguous',
): TransformedSource {
  const result = transformSync(filename, source, { ...TYPESCRIPT_OPTIONS, sourceType: sourceTypeOf(format) });
  const error = result.errors.find((e) => e.severity === 'Error');
  if (error) return throwingModuleFor(filename, source, error);
  return { code: result.code, map: result.map as SourceMapV3 };
}
