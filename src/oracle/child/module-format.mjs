// @ts-check
// How node runs a TypeScript file in the child: as an ES module or as CommonJS, by its extension,
// its package's "type", and with no "type" by its syntax.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

/**
 * The nearest package.json "type" above a file, as Node looks it up.
 * @param {string} filename
 * @returns {'module' | 'commonjs' | undefined}
 */
export function packageType(filename) {
  let dir = path.dirname(filename);
  for (;;) {
    if (path.basename(dir) === 'node_modules') return undefined;
    let text;
    try {
      text = readFileSync(path.join(dir, 'package.json'), 'utf8');
    } catch {}
    if (text !== undefined) {
      try {
        const type = JSON.parse(text).type;
        return type === 'module' || type === 'commonjs' ? type : undefined;
      } catch {
        return undefined;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The format a file's extension or package decides; undefined when only its syntax can.
 * @param {string} filename
 */
export function formatOf(filename) {
  if (filename.endsWith('.mts')) return 'module';
  if (filename.endsWith('.cts')) return 'commonjs';
  return packageType(filename);
}

const ESM_ONLY_ERRORS = [
  'Cannot use import statement outside a module',
  "Unexpected token 'export'",
  "Cannot use 'import.meta' outside a module",
];
const CJS_CONFLICT_ERRORS =
  /^(?:Identifier '(?:module|exports|require|__filename|__dirname)' has already been declared|await is only valid in async functions and the top level bodies of modules)$/;

/**
 * Node 20.19's syntax detection for files with no "type": compile as CommonJS; the errors only
 * ES module syntax causes make it a module.
 * @param {string} code
 */
export function hasModuleSyntax(code) {
  try {
    vm.compileFunction(code, ['exports', 'require', 'module', '__filename', '__dirname']);
    return false;
  } catch (error) {
    const message = /** @type {{ message?: string } | undefined} */ (error)?.message;
    return ESM_ONLY_ERRORS.includes(/** @type {string} */ (message)) || CJS_CONFLICT_ERRORS.test(message ?? '');
  }
}
