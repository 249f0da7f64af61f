// @ts-check
// The child's module hooks: TypeScript and JSX transformed as in-process, tsx's TypeScript
// fallbacks for what TypeScript files import, and the fallback of a mirrored tree's imports to
// the disk. One logic for both hook APIs: module.registerHooks (Node >= 22.15: synchronous,
// in-thread, and also sees require()) and module.register (Node 20: asynchronous, off-thread,
// configured through `initialize`).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { JS_TO_TS, TRANSFORMED_FILE } from '../../loader/typescript-paths.js';
import { diskPathOf } from './disk-fallback.mjs';
import { formatOf, hasModuleSyntax } from './module-format.mjs';
import { transformFile } from './transform.mjs';

/**
 * What one run tells its child (src/oracle/child-loader.ts writes it into the run's preload).
 * @typedef {object} ChildConfig
 * @property {boolean} typescript Whether TypeScript and JSX files are transformed.
 * @property {string | null} mirror The mirrored tree of a run with files, whose modules' imports fall back to the disk.
 * @property {boolean} esmHooks Whether the mirror's preload registers the ES module hooks too.
 * @property {object} options The oxc options of the transform (src/loader/transform-ts.ts).
 */
/** @typedef {import('node:module').ResolveFnOutput} Resolved */
/** @typedef {(specifier: string, context: import('node:module').ResolveHookContext) => Resolved | Promise<Resolved>} NextResolve */

/** The transform imports its decorator helpers by name: they are this package's dependency. */
export const RUNTIME_HELPERS = '@oxc-project/runtime/';
const PACKAGE_URL = import.meta.url;

/** @type {ChildConfig} */
let config = { typescript: false, mirror: null, esmHooks: false, options: {} };
/** @type {string | null} */
let mirrorUrl = null;

/**
 * Sets the run's config: called by the preload in its thread, and by Node in the loader thread.
 * @param {ChildConfig} data
 */
export function initialize(data) {
  config = data;
  mirrorUrl = data.mirror === null ? null : `${pathToFileURL(data.mirror).href}/`;
}

/**
 * What tsx users expect: ./x.js written in a .ts file means ./x.ts; ./x means ./x.ts too.
 * @param {string} specifier
 * @param {boolean} extensionless
 * @returns {string[]}
 */
export function typeScriptAlternatives(specifier, extensionless) {
  const extension = path.extname(specifier);
  const stem = specifier.slice(0, specifier.length - extension.length);
  const mapped = JS_TO_TS[extension];
  if (mapped) return mapped.map((ts) => stem + ts);
  if (!extensionless) return [];
  const base = specifier.replace(/\/+$/, '');
  return [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`];
}

const RELATIVE = /^(?:\.{1,2}\/|\/|file:)/;
const NOT_FOUND = new Set(['ERR_MODULE_NOT_FOUND', 'ERR_UNSUPPORTED_DIR_IMPORT']);
/** @param {unknown} error */
const isNotFound = (error) => NOT_FOUND.has(/** @type {{ code?: string } | undefined} */ (error)?.code ?? '');

/**
 * A step on a value or on a promise of one, so the same code serves both hook APIs.
 * @template T, U
 * @param {T | Promise<T>} value
 * @param {(value: T) => U | Promise<U>} onValue
 * @param {(error: unknown) => U | Promise<U>} [onError]
 * @returns {U | Promise<U>}
 */
const then = (value, onValue, onError) => {
  if (value && typeof (/** @type {Promise<T>} */ (value).then) === 'function') return /** @type {Promise<T>} */ (value).then(onValue, onError);
  try {
    return onValue(/** @type {T} */ (value));
  } catch (error) {
    if (!onError) throw error;
    return onError(error);
  }
};
/**
 * `fn()`, or if it throws a thenable that hands the error to `then`'s onError.
 * @template T
 * @param {() => T} fn
 * @returns {T | Promise<never>}
 */
const attempt = (fn) => {
  try {
    return fn();
  } catch (error) {
    /** @param {unknown} _ @param {(error: unknown) => unknown} onError */
    const rethrow = (_, onError) => onError(error);
    // biome-ignore lint/suspicious/noThenProperty: a thenable that only `then` above reads
    return /** @type {Promise<never>} */ (/** @type {unknown} */ ({ then: rethrow }));
  }
};

/**
 * @param {string} specifier
 * @param {import('node:module').ResolveHookContext} context
 * @param {NextResolve} nextResolve
 * @returns {Resolved | Promise<Resolved>}
 */
function resolveHere(specifier, context, nextResolve) {
  if (specifier.startsWith(RUNTIME_HELPERS)) return nextResolve(specifier, { ...context, parentURL: PACKAGE_URL });
  const parent = context.parentURL?.split(/[?#]/)[0] ?? '';
  if (!TRANSFORMED_FILE.test(parent) || !RELATIVE.test(specifier)) return nextResolve(specifier, context);
  return then(attempt(() => nextResolve(specifier, context)), (resolved) => resolved, (error) => {
    const candidates = isNotFound(error) ? typeScriptAlternatives(specifier, true) : [];
    /** @param {number} index @returns {Resolved | Promise<Resolved>} */
    const next = (index) => {
      // None found: resolved once more, so the error is node's own, thrown where node throws it
      // (the place its report shows), not rethrown here.
      if (index >= candidates.length) return nextResolve(specifier, context);
      return then(attempt(() => nextResolve(/** @type {string} */ (candidates[index]), context)), (resolved) => resolved, () => next(index + 1));
    };
    return next(0);
  });
}

/**
 * The resolve hook: what a module of the mirrored tree imports that the tree lacks resolves from
 * the module's place on disk.
 * @param {string} specifier
 * @param {import('node:module').ResolveHookContext} context
 * @param {NextResolve} nextResolve
 * @returns {Resolved | Promise<Resolved>}
 */
export function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL?.split(/[?#]/)[0];
  const { mirror } = config;
  if (mirror === null || mirrorUrl === null || !parent?.startsWith(mirrorUrl)) return resolveHere(specifier, context, nextResolve);
  return then(attempt(() => resolveHere(specifier, context, nextResolve)), (resolved) => resolved, (error) => {
    if (!isNotFound(error)) return resolveHere(specifier, context, nextResolve);
    const onDisk = pathToFileURL(diskPathOf(mirror, fileURLToPath(parent))).href;
    // Not found on disk either: resolved once more where it failed, so the error is node's own
    // (thrown where node throws it, as its report shows), not one rethrown here.
    return then(
      attempt(() => resolveHere(specifier, { ...context, parentURL: onDisk }, nextResolve)),
      (resolved) => resolved,
      () => resolveHere(specifier, context, nextResolve),
    );
  });
}

/**
 * The load hook: a TypeScript or JSX file's JavaScript, or for CommonJS no source, so that Node's
 * CommonJS loader compiles it through require.extensions (register-typescript.mjs) and it gets a
 * real module, require, require.main and require.cache.
 * @param {string} url
 * @param {import('node:module').LoadHookContext} context
 * @param {(url: string, context: import('node:module').LoadHookContext) => import('node:module').LoadFnOutput | Promise<import('node:module').LoadFnOutput>} nextLoad
 */
export function load(url, context, nextLoad) {
  const filename = url.startsWith('file:') ? fileURLToPath(url) : '';
  if (!config.typescript || !TRANSFORMED_FILE.test(filename)) return nextLoad(url, context);
  let format = formatOf(filename);
  const code = transformFile(filename, config.options);
  format ??= hasModuleSyntax(code) ? 'module' : 'commonjs';
  if (format === 'commonjs') return { format, shortCircuit: true };
  return { format, source: code, shortCircuit: true };
}
