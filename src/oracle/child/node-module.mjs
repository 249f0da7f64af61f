// @ts-check
// Node's CommonJS loader as the child's preloads patch it: the internals @types/node leaves out.
import Module from 'node:module';

/** @typedef {Module & { _compile(code: string, filename: string, format?: string): void }} CommonJsModule */

/**
 * @typedef {object} CommonJsInternals
 * @property {(request: string, parent: Module | undefined, isMain: boolean, options?: object) => string} _resolveFilename
 * @property {(dir: string) => string[]} _nodeModulePaths
 * @property {Record<string, (module: CommonJsModule, filename: string) => void>} _extensions
 * @property {((hooks: { resolve?: Function, load?: Function }) => void) | undefined} registerHooks Node >= 22.15
 */

/** `Module`, typed with the internals the preloads use. */
export const CommonJs = /** @type {typeof Module & CommonJsInternals} */ (Module);
