// @ts-check
// Plain JavaScript: runInNode's child (src/oracle/child/) imports it too, as real node runs it.
import { positionOf } from './position-of.js';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** @param {number} n */
function vlq(n) {
  let v = n < 0 ? (-n << 1) | 1 : n << 1;
  let out = '';
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v > 0) digit |= 32;
    out += BASE64[digit];
  } while (v > 0);
  return out;
}

/**
 * What a TypeScript file that does not parse runs as, in-process and in runInNode's child alike:
 * a module that throws oxc's SyntaxError at the error's position, source-mapped to the .ts line
 * and column, so that the report shows that line with its caret as for any error of the file.
 * @param {string} filename
 * @param {string} source
 * @param {{ message: string, labels?: { start: number }[] }} error
 * @returns {{ code: string, map: { version: number, sources: string[], sourcesContent: string[], names: string[], mappings: string } }}
 */
export function throwingModuleFor(filename, source, error) {
  const { line, column } = positionOf(source, error.labels?.[0]?.start ?? 0);
  const code = `${'\n'.repeat(line - 1)}${' '.repeat(column - 1)}throw new SyntaxError(${JSON.stringify(error.message)});`;
  const mappings = `${';'.repeat(line - 1)}${vlq(column - 1)}A${vlq(line - 1)}${vlq(column - 1)}`;
  return { code, map: { version: 3, sources: [filename], sourcesContent: [source], names: [], mappings } };
}
