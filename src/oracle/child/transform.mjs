// @ts-check
// A TypeScript (or JSX) file as the JavaScript the child runs: the in-process loader's oxc
// transform with its options, and an inline source map back to the file as written.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { positionOf } from '../../loader/position-of.js';
import { formatOf } from './module-format.mjs';

/** @typedef {typeof import('oxc-transform').transformSync} TransformSync */

// Loaded on first use, and kept out of require.cache so the script's view of it stays its own.
/** @type {TransformSync | undefined} */
let transformSync;
function loadTransform() {
  if (transformSync) return transformSync;
  const require = createRequire(import.meta.url);
  const before = new Set(Object.keys(require.cache));
  transformSync = /** @type {typeof import('oxc-transform')} */ (require('oxc-transform')).transformSync;
  for (const key of Object.keys(require.cache)) if (!before.has(key)) delete require.cache[key];
  return transformSync;
}

/** @type {Record<string, 'module' | 'commonjs'>} */
const SOURCE_TYPES = { module: 'module', commonjs: 'commonjs' };

/** @param {object} map */
const inlineMap = (map) =>
  `\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}`;

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
 * A file that does not parse becomes one that throws a SyntaxError at the .ts position,
 * source-mapped to it, so node reports the TypeScript line with its caret.
 * @param {string} filename
 * @param {string} source
 * @param {{ message: string, labels?: { start: number }[] }} error
 */
function syntaxErrorModule(filename, source, error) {
  const { line, column } = positionOf(source, error.labels?.[0]?.start ?? 0);
  const code = `${'\n'.repeat(line - 1)}${' '.repeat(column - 1)}throw new SyntaxError(${JSON.stringify(error.message)});`;
  const mappings = `${';'.repeat(line - 1)}${vlq(column - 1)}A${vlq(line - 1)}${vlq(column - 1)}`;
  return code + inlineMap({ version: 3, sources: [filename], sourcesContent: [source], names: [], mappings });
}

/**
 * The JavaScript of a TypeScript or JSX file, with its source map inline.
 * @param {string} filename
 * @param {object} options oxc's options, as the in-process loader transforms with them
 */
export function transformFile(filename, options) {
  const source = readFileSync(filename, 'utf8');
  const sourceType = SOURCE_TYPES[/** @type {string} */ (formatOf(filename))] ?? 'unambiguous';
  const result = loadTransform()(filename, source, { ...options, sourceType });
  const error = result.errors.find((e) => e.severity === 'Error');
  if (error) return syntaxErrorModule(filename, source, error);
  return result.code + inlineMap(/** @type {object} */ (result.map));
}
