// require() resolution: a transcription of Module._resolveFilename / _findPath / tryPackage in
// Node's lib/internal/modules/cjs/loader.js (20.19+, 22, 24), plus tsx's TypeScript fallbacks.
import { basename, dirname, extname, isAbsolute, normalize, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type PackageResolveEnv,
  packageExportsResolve,
  packageImportsResolve,
  packageJsonPath,
} from './package-resolve.js';
import { packageJsonOf, packageScopeOf, readPackageJson } from './package-scope.js';
import { isCode } from '../node-errors.js';
import { cjsEsmNotFound, cjsInvalidMain, cjsModuleNotFound, invalidModuleSpecifier } from './resolve-errors.js';
import { dirOf, memo, nodeHas, type ResolveContext, realpathOf } from './resolve-fs.js';
import { JS_TO_TS, TYPESCRIPT_FILE } from './typescript-paths.js';

export interface CommonJsOptions {
  /** tsx's additions: `.js` → `.ts` for TypeScript parents, then `.ts`/`.tsx`/`.cts`/`.mts` last. */
  typescript: boolean;
  /**
   * Node's resolveAsCommonJS for the "Did you mean to import …?" hint: a parent with no filename,
   * so no "imports", no self-reference, and relative specifiers resolved from this directory.
   */
  hintFrom?: string;
}

const EXTENSIONS = ['.js', '.json', '.node'];
const TS_EXTENSIONS = ['.ts', '.tsx', '.cts', '.mts'];
const EXPORTS_PATTERN = /^((?:@[^/\\%]+\/)?[^./\\%][^/\\%]*)(\/.*)?$/;

/** The file `require(request)` loads from `parentPath`, realpath'd; throws Node's errors. */
export function resolveCommonJs(
  request: string,
  parentPath: string,
  env: PackageResolveEnv,
  options: CommonJsOptions,
): string {
  const { ctx } = env;
  const forHint = options.hintFrom !== undefined;

  if (request[0] === '#' && !forHint) {
    const scope = packageScopeOf(parentPath, ctx, { mode: 'require' });
    if (scope?.json.imports != null) {
      try {
        const url = packageImportsResolve(request, parentPath, env);
        return finalizeEsmResolution(url, parentPath, packageJsonPath(scope.dir), ctx);
      } catch (error) {
        if (isCode(error, 'ERR_MODULE_NOT_FOUND')) throw cjsEsmNotFound(request);
        throw error;
      }
    }
  }

  if (!forHint) {
    const self = trySelf(parentPath, request, env);
    if (self) return self;
  }

  const relative = isRelativeLookup(request);
  const paths = relative
    ? [options.hintFrom ?? dirOf(parentPath)]
    : nodeModulePaths(forHint ? parentPath : dirOf(parentPath), ctx);

  let found: string | false;
  let invalidMain: unknown;
  try {
    found = findPath(request, paths, EXTENSIONS, !relative, env);
  } catch (error) {
    // A "main" naming src/index with only src/index.ts exists: tsx finds it, so try before failing.
    if (!options.typescript || (error as { requestPath?: unknown }).requestPath === undefined) throw error;
    invalidMain = error;
    found = false;
  }
  if (!found && options.typescript) {
    found = typeScriptFallback(request, parentPath, paths, !relative, env);
    if (!found && invalidMain) throw invalidMain;
  }
  if (found) return found;
  throw cjsModuleNotFound(request, ctx.requireStack ?? [parentPath]);
}

function typeScriptFallback(
  request: string,
  parentPath: string,
  paths: string[],
  nodeModules: boolean,
  env: PackageResolveEnv,
): string | false {
  if ((!nodeModules || isAbsolute(request)) && TYPESCRIPT_FILE.test(parentPath)) {
    const extension = extname(request);
    const alternatives = JS_TO_TS[extension];
    if (alternatives) {
      const stem = resolve(dirOf(parentPath), request).slice(0, -extension.length);
      for (const alternative of alternatives) {
        const found = tryFile(stem + alternative, env.ctx);
        if (found) return found;
      }
    }
  }
  return findPath(request, paths, TS_EXTENSIONS, nodeModules, env);
}

/** Node's _resolveLookupPaths: '.', '..', './x' and '../x' (and '..x') search the parent's directory. */
function isRelativeLookup(request: string): boolean {
  return request[0] === '.' && (request.length === 1 || request[1] === '.' || request[1] === '/');
}

export function nodeModulePaths(from: string, ctx: ResolveContext): string[] {
  return memo(ctx, `\0resolve:nmpaths:${from}`, () => {
    const paths: string[] = [];
    for (let dir = resolve(from); dir !== '/'; dir = dirname(dir)) {
      if (basename(dir) !== 'node_modules') paths.push(`${dir}/node_modules`);
    }
    paths.push('/node_modules');
    return paths;
  });
}

function hasTrailingSlash(request: string): boolean {
  const n = request.length;
  if (n === 0) return false;
  if (request[n - 1] === '/') return true;
  if (request[n - 1] !== '.') return false;
  return n === 1 || request[n - 2] === '/' || (request[n - 2] === '.' && (n === 2 || request[n - 3] === '/'));
}

function isStrictRelative(request: string): boolean {
  return (
    request[0] === '.' &&
    (request.length === 1 || request[1] === '/' || (request[1] === '.' && (request.length === 2 || request[2] === '/')))
  );
}

function findPath(
  request: string,
  paths: string[],
  extensions: string[],
  nodeModules: boolean,
  env: PackageResolveEnv,
): string | false {
  const { ctx } = env;
  const absolute = isAbsolute(request);
  if (absolute) paths = [''];
  const trailingSlash = hasTrailingSlash(request);
  const insidePath = !(isStrictRelative(request) && normalize(request).startsWith('..'));

  for (const curPath of paths) {
    // Node stats every search path; only node_modules ones can be absent without the answer changing.
    if (nodeModules && insidePath && curPath && !directoryExists(curPath, ctx)) continue;
    if (!absolute) {
      const exported = resolveExports(curPath, request, env);
      if (exported) return exported;
    }
    const basePath = resolve(curPath, request);
    const kind = ctx.fs.kind(basePath);
    let filename: string | false = false;
    if (!trailingSlash) {
      if (kind === 'file') filename = realpathOf(basePath, ctx);
      if (!filename) filename = tryExtensions(basePath, extensions, ctx);
    }
    if (!filename && kind === 'directory') filename = tryPackage(basePath, extensions, request, env);
    if (filename) return filename;
  }
  return false;
}

function directoryExists(path: string, ctx: ResolveContext): boolean {
  return memo(ctx, `\0resolve:dir:${path}`, () => ctx.fs.kind(path) === 'directory');
}

function tryFile(path: string, ctx: ResolveContext): string | false {
  return ctx.fs.kind(path) === 'file' ? realpathOf(path, ctx) : false;
}

function tryExtensions(basePath: string, extensions: string[], ctx: ResolveContext): string | false {
  for (const extension of extensions) {
    const found = tryFile(basePath + extension, ctx);
    if (found) return found;
  }
  return false;
}

function tryPackage(requestPath: string, extensions: string[], originalPath: string, env: PackageResolveEnv): string | false {
  const { ctx } = env;
  const json = packageJsonOf(readPackageJson(requestPath, ctx), requestPath, { mode: 'require' });
  const main = typeof json?.main === 'string' ? json.main : '';
  if (!main) return tryExtensions(resolve(requestPath, 'index'), extensions, ctx);

  const filename = resolve(requestPath, main);
  let actual =
    tryFile(filename, ctx) ||
    tryExtensions(filename, extensions, ctx) ||
    tryExtensions(resolve(filename, 'index'), extensions, ctx);
  if (actual === false) {
    const jsonPath = resolve(requestPath, 'package.json');
    actual = tryExtensions(resolve(requestPath, 'index'), extensions, ctx);
    if (!actual) throw cjsInvalidMain(filename, jsonPath, originalPath);
    ctx.emitWarning?.(
      `Invalid 'main' field in '${jsonPath}' of '${main}'. Please either fix that or report it to the module author`,
      'DeprecationWarning',
      'DEP0128',
    );
  }
  return actual;
}

/** A package's "exports" when `require` finds it in a node_modules directory. */
function resolveExports(nodeModulesPath: string, request: string, env: PackageResolveEnv): string | false {
  const match = EXPORTS_PATTERN.exec(request);
  if (!match) return false;
  const packagePath = resolve(nodeModulesPath, match[1]!);
  const json = packageJsonOf(readPackageJson(packagePath, env.ctx), packagePath, { mode: 'require' });
  if (json?.exports == null) return false;
  const packageJsonUrl = pathToFileURL(packageJsonPath(packagePath));
  try {
    const url = packageExportsResolve(packageJsonUrl, `.${match[2] ?? ''}`, json.exports, null, env);
    return finalizeEsmResolution(url, null, EXPORTS_MISS_NAMES_DIR ? packagePath : packageJsonPath(packagePath), env.ctx);
  } catch (error) {
    if (isCode(error, 'ERR_MODULE_NOT_FOUND')) throw cjsEsmNotFound(request, `${packagePath}/package.json`);
    throw error;
  }
}

/** `require('own-name/sub')` inside a package with "exports". */
function trySelf(parentPath: string, request: string, env: PackageResolveEnv): string | false {
  const scope = packageScopeOf(parentPath, env.ctx, { mode: 'require' });
  if (!scope || scope.json.exports == null || typeof scope.json.name !== 'string') return false;
  const name: string = scope.json.name;
  let expansion: string;
  if (request === name) expansion = '.';
  else if (request.startsWith(`${name}/`)) expansion = `.${request.slice(name.length)}`;
  else return false;
  const packageJsonUrl = pathToFileURL(packageJsonPath(scope.dir));
  try {
    const url = packageExportsResolve(packageJsonUrl, expansion, scope.json.exports, parentPath, env);
    return finalizeEsmResolution(url, parentPath, SELF_MISS_NAMES_DIR ? scope.dir : packageJsonPath(scope.dir), env.ctx);
  } catch (error) {
    if (!isCode(error, 'ERR_MODULE_NOT_FOUND')) throw error;
    if (SELF_MISS_NAMES_DIR) throw cjsEsmNotFound(expansion, scope.dir);
    throw cjsEsmNotFound(request, packageJsonPath(scope.dir));
  }
}

// The `path` of the MODULE_NOT_FOUND for an "exports" target that is not there: Node 20 gives the
// package.json; Node 22 the package directory for a package found in node_modules; Node 24.20
// (its resolveExpansion, nodejs/node#62239) the directory for a self-reference too, and there the
// MODULE_NOT_FOUND made from an ERR_MODULE_NOT_FOUND names the expansion ('./sub'), not the request.
const EXPORTS_MISS_NAMES_DIR = nodeHas('22.0');
const SELF_MISS_NAMES_DIR = nodeHas('24.20');

/** The file a resolved "exports"/"imports" URL names, or MODULE_NOT_FOUND with `errorPath` as its `path`. */
function finalizeEsmResolution(resolved: URL, parentPath: string | null, errorPath: string, ctx: ResolveContext): string {
  if (/%2F|%5C/i.test(resolved.href)) {
    // Node's source then sets code MODULE_NOT_FOUND, but the error keeps ERR_INVALID_MODULE_SPECIFIER.
    throw invalidModuleSpecifier(resolved.href, 'must not include encoded "/" or "\\" characters', parentPath);
  }
  // A builtin target ("#fs": "fs") throws ERR_INVALID_URL_SCHEME here, as in Node.
  const filename = fileURLToPath(resolved);
  const actual = tryFile(filename, ctx);
  if (actual) return actual;
  throw cjsEsmNotFound(filename, errorPath);
}
