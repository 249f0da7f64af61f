// import resolution: a transcription of defaultResolve / moduleResolve / finalizeResolution in
// Node's lib/internal/modules/esm/resolve.js (20.19+, 22, 24), plus tsx's TypeScript fallbacks.
import { extname, posix, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolveCommonJs } from './cjs-resolve.js';
import { type PackageResolveEnv, packageImportsResolve, packageResolve } from './package-resolve.js';
import { isCode, type NodeErrorLike } from '../node-errors.js';
import {
  invalidModuleSpecifier,
  moduleNotFound,
  unsupportedDataUrl,
  unsupportedDirImport,
  unsupportedEsmUrlScheme,
} from './resolve-errors.js';
import { dirOf, type ResolveContext, realpathOf } from './resolve-fs.js';
import { JS_TO_TS, TYPESCRIPT_FILE } from './typescript-paths.js';

export type EsmResolved = { kind: 'builtin'; id: string } | { kind: 'file'; path: string };

export interface EsmOptions {
  /** tsx's additions for TypeScript parents: `.js` → `.ts`, extensionless and directory imports. */
  typescript: boolean;
  /** The conditions `require` uses, for the "Did you mean to import …?" hint. */
  commonJsEnv: PackageResolveEnv;
  /** Where the hint resolves relative specifiers from (Node: process.cwd()). */
  cwd: string;
}

const KNOWN_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx', '.json', '.node', '.wasm']);
const EXTENSIONLESS_TRIES = ['.ts', '.tsx', '.js', '.jsx'];

function isRelativeSpecifier(specifier: string): boolean {
  if (specifier[0] !== '.') return false;
  if (specifier.length === 1 || specifier[1] === '/') return true;
  return specifier[1] === '.' && (specifier.length === 2 || specifier[2] === '/');
}

/**
 * Whether `new URL(specifier, parent)` then fileURLToPath would give path.resolve's answer, so the
 * URL round trip can be skipped: no percent-escapes, query, hash, backslash, empty segment,
 * trailing '/', '.' or '..', nor characters the URL parser strips.
 */
function isPlainPath(specifier: string): boolean {
  if (/[%#?\\\t\n\r]|\/\//.test(specifier)) return false;
  const last = specifier.slice(specifier.lastIndexOf('/') + 1);
  return last !== '' && last !== '.' && last !== '..' && specifier.charCodeAt(specifier.length - 1) > 0x20;
}

export function isPathSpecifier(specifier: string): boolean {
  return specifier[0] === '/' || isRelativeSpecifier(specifier);
}

/** What `import specifier` from `parentPath` loads; throws Node's errors. */
export function resolveEsm(
  specifier: string,
  parentPath: string,
  env: PackageResolveEnv,
  options: EsmOptions,
): EsmResolved {
  try {
    return moduleResolve(specifier, parentPath, env);
  } catch (error) {
    if (!isCode(error, 'ERR_MODULE_NOT_FOUND', 'ERR_UNSUPPORTED_DIR_IMPORT')) throw error;
    if (options.typescript && isPathSpecifier(specifier) && TYPESCRIPT_FILE.test(parentPath)) {
      const path = typeScriptAlternative(specifier, parentPath, env.ctx);
      if (path) return { kind: 'file', path };
    }
    addCommonJsHint(error, specifier, parentPath, options);
    throw error;
  }
}

function moduleResolve(specifier: string, parentPath: string, env: PackageResolveEnv): EsmResolved {
  let resolved: URL;
  if (isPathSpecifier(specifier)) {
    if (isPlainPath(specifier)) {
      return { kind: 'file', path: finalizeResolution(resolve(dirOf(parentPath), specifier), parentPath, env.ctx) };
    }
    resolved = new URL(specifier, pathToFileURL(parentPath));
  } else if (specifier[0] === '#') {
    resolved = packageImportsResolve(specifier, parentPath, env);
  } else if (URL.canParse(specifier)) {
    resolved = new URL(specifier);
    if (resolved.protocol === 'data:') throw unsupportedDataUrl(specifier, parentPath);
    if (resolved.protocol !== 'file:') throw unsupportedEsmUrlScheme(resolved.protocol);
  } else {
    resolved = packageResolve(specifier, parentPath, env);
  }
  if (resolved.protocol !== 'file:') return { kind: 'builtin', id: resolved.href };
  return { kind: 'file', path: finalizeResolution(resolved, parentPath, env.ctx) };
}

function finalizeResolution(resolved: URL | string, base: string, ctx: ResolveContext): string {
  let path: string;
  if (typeof resolved === 'string') {
    path = resolved;
  } else {
    if (/%2F|%5C/i.test(resolved.pathname)) {
      throw invalidModuleSpecifier(resolved.pathname, 'must not include encoded "/" or "\\" characters', base);
    }
    try {
      path = fileURLToPath(resolved);
    } catch (error) {
      Object.assign(error as object, { input: resolved.href, module: pathToFileURL(base).href });
      throw error;
    }
  }
  // Node 20-24 stat the last character of a path ending in '/', i.e. '/': it is always a directory.
  const kind = path.endsWith('/') ? 'directory' : ctx.fs.kind(path);
  if (kind === 'file') return realpathOf(path, ctx);
  const url = typeof resolved === 'string' ? pathToFileURL(resolved).href : resolved.href;
  if (kind === 'directory') throw unsupportedDirImport(path, base, url);
  throw moduleNotFound(path, base, url);
}

/** tsx: `./x.js` written for `./x.ts`, `./x` for `./x.ts`, `./dir` for `./dir/index.ts`. */
function typeScriptAlternative(specifier: string, parentPath: string, ctx: ResolveContext): string | undefined {
  let path: string;
  try {
    path = fileURLToPath(new URL(specifier, pathToFileURL(parentPath)));
  } catch {
    return undefined;
  }
  const isFile = (candidate: string) => ctx.fs.kind(candidate) === 'file';
  const extension = extname(path);
  const mapped = JS_TO_TS[extension];
  let candidates: string[];
  if (path.endsWith('/')) {
    candidates = EXTENSIONLESS_TRIES.map((alternative) => `${path}index${alternative}`);
  } else if (mapped) {
    candidates = mapped.map((alternative) => path.slice(0, -extension.length) + alternative);
  } else if (KNOWN_EXTENSIONS.has(extension)) {
    return undefined;
  } else {
    candidates = [
      ...EXTENSIONLESS_TRIES.map((alternative) => path + alternative),
      ...EXTENSIONLESS_TRIES.map((alternative) => `${path}/index${alternative}`),
    ];
  }
  const found = candidates.find(isFile);
  return found === undefined ? undefined : realpathOf(found, ctx);
}

/** Node's decorateErrorWithCommonJSHints: what `require` would have found, as a hint. */
function addCommonJsHint(error: NodeErrorLike, specifier: string, parentPath: string, options: EsmOptions): void {
  let found: string;
  try {
    if (specifier.startsWith('file://')) specifier = fileURLToPath(specifier);
    found = resolveCommonJs(specifier, parentPath, options.commonJsEnv, { typescript: false, hintFrom: options.cwd });
  } catch {
    return;
  }
  if (isRelativeSpecifier(specifier)) {
    const parentUrl = pathToFileURL(parentPath).href;
    const parentDir = parentUrl.slice('file://'.length, parentUrl.lastIndexOf('/'));
    found = posix.relative(parentDir, pathToFileURL(found).pathname);
    if (!found.startsWith('../')) found = `./${found}`;
  } else if (specifier[0] !== '/' && specifier[0] !== '.') {
    const slash = specifier.indexOf('/');
    const pkg = slash === -1 ? specifier : specifier.slice(0, slash);
    const needle = `/node_modules/${pkg}/`;
    const index = found.lastIndexOf(needle);
    found =
      index === -1
        ? pathToFileURL(found).href
        : `${pkg}/${found.slice(index + needle.length).split('/').map(encodeURIComponent).join('/')}`;
  }
  if (found !== specifier) error.message += `\nDid you mean to import ${JSON.stringify(found)}?`;
}
