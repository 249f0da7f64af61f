// @ts-check
// A TypeScript (or JSX) file as the JavaScript the child runs: the in-process loader's oxc
// transform with its options, and an inline source map back to the file as written.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { throwingModuleFor } from '../../loader/typescript-syntax-error.js';
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
  if (error) {
    const throwing = throwingModuleFor(filename, source, error);
    return throwing.code + inlineMap(throwing.map);
  }
  return result.code + inlineMap(/** @type {object} */ (result.map));
}
