// Bare specifiers, "exports" and "imports": a transcription of Node's
// lib/internal/modules/esm/resolve.js (20.19+, 22, 24), shared by both modes as in Node, whose
// CommonJS loader calls these same functions with its own conditions. URLs are kept where Node
// uses them, so percent-encoding, "*" substitution and the error texts come out the same.
import { isBuiltin } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { packageJsonOf, packageScopeOf, readPackageJson } from './package-scope.js';
import {
  invalidModuleSpecifier,
  invalidPackageConfig,
  invalidPackageTarget,
  legacyMainNotFound,
  moduleNotFound,
  packageImportNotDefined,
  packagePathNotExported,
} from './resolve-errors.js';
import { dirOf, memo, nodeHas, type ResolveContext } from './resolve-fs.js';

export interface PackageResolveEnv {
  ctx: ResolveContext;
  conditions: ReadonlySet<string>;
}

// Node also has a wider pattern matching empty segments ('//'): those only warn, and only under
// --pending-deprecation (DEP0166), so the throwing half is all that is kept.
const invalidSegmentRegEx =
  /(^|\\|\/)((\.|%2e)(\.|%2e)?|(n|%6e|%4e)(o|%6f|%4f)(d|%64|%44)(e|%65|%45)(_|%5f)(m|%6d|%4d)(o|%6f|%4f)(d|%64|%44)(u|%75|%55)(l|%6c|%4c)(e|%65|%45)(s|%73|%53))(\\|\/|$)/i;
const invalidPackageNameRegEx = /^\.|%|\\/;
const patternRegEx = /\*/g;

export function packageJsonPath(dir: string): string {
  return dir === '/' ? '/package.json' : `${dir}/package.json`;
}

/** The package directory of a package.json URL, with its trailing '/', as Node prints it. */
function packagePathOf(packageJsonUrl: URL): string {
  return fileURLToPath(new URL('.', packageJsonUrl));
}

function hrefOf(base: string | null): string | null {
  return base === null ? null : pathToFileURL(base).href;
}

function nodeModulesExists(dir: string, ctx: ResolveContext): boolean {
  return memo(ctx, `\0resolve:nm:${dir}`, () => ctx.fs.kind(join(dir, 'node_modules')) === 'directory');
}

/** A bare specifier (`pkg`, `pkg/sub`, `@scope/pkg/sub`) from `base`, a file path. */
export function packageResolve(specifier: string, base: string, env: PackageResolveEnv): URL {
  if (isBuiltin(specifier) && !specifier.startsWith('node:')) return new URL(`node:${specifier}`);
  const { ctx } = env;
  const { packageName, packageSubpath } = parsePackageName(specifier, base);

  const scope = packageScopeOf(base, ctx, { mode: 'import', base });
  if (scope && scope.json.exports != null && scope.json.name === packageName) {
    const packageJsonUrl = pathToFileURL(packageJsonPath(scope.dir));
    return packageExportsResolve(packageJsonUrl, packageSubpath, scope.json.exports, base, env);
  }

  // Node's import walk, unlike require's, also looks in node_modules/node_modules.
  for (let dir = dirOf(base); ; ) {
    const packageDir = join(dir, 'node_modules', packageName);
    if (nodeModulesExists(dir, ctx) && ctx.fs.kind(packageDir) === 'directory') {
      const read = readPackageJson(packageDir, ctx);
      const json = packageJsonOf(read, packageDir, { mode: 'import', base, specifier });
      const packageJsonUrl = pathToFileURL(packageJsonPath(packageDir));
      if (json?.exports != null) {
        return packageExportsResolve(packageJsonUrl, packageSubpath, json.exports, base, env);
      }
      if (packageSubpath === '.') return legacyMainResolve(packageJsonUrl, json?.main, base, ctx);
      return new URL(packageSubpath, packageJsonUrl);
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw moduleNotFound(packageName, base);
}

export function parsePackageName(
  specifier: string,
  base: string,
): { packageName: string; packageSubpath: string } {
  let separatorIndex = specifier.indexOf('/');
  let validPackageName = true;
  if (specifier[0] === '@') {
    if (separatorIndex === -1 || specifier.length === 0) validPackageName = false;
    else separatorIndex = specifier.indexOf('/', separatorIndex + 1);
  }
  const packageName = separatorIndex === -1 ? specifier : specifier.slice(0, separatorIndex);
  if (invalidPackageNameRegEx.test(packageName)) validPackageName = false;
  if (!validPackageName) throw invalidModuleSpecifier(specifier, 'is not a valid package name', base);
  const packageSubpath = `.${separatorIndex === -1 ? '' : specifier.slice(separatorIndex)}`;
  return { packageName, packageSubpath };
}

const legacyMainExtensions = ['', '.js', '.json', '.node', '/index.js', '/index.json', '/index.node'];
const legacyIndexExtensions = ['.js', '.json', '.node'];

// Node 22.10 takes "main" as a path, not a URL (nodejs/node#55003): "a%20b" names the file
// 'a%20b', '?' and '#' are characters, and an absolute "main" is absolute. Node 20 resolves
// `./${main}` as a URL against the package.json.
const MAIN_IS_PATH = nodeHas('22.10');

/**
 * "main" for `import`: Node still tries extensions and index files here, and only here. Its C++
 * probes the path of `./${main}` (a URL: query and hash dropped) plus each extension, and the JS
 * returns the URL of `./${main}${extension}`, which finalizeResolution then checks.
 */
function legacyMainResolve(packageJsonUrl: URL, main: unknown, base: string, ctx: ResolveContext): URL {
  if (MAIN_IS_PATH) return legacyMainResolvePath(packageJsonUrl, main, base, ctx);
  let initial: string | undefined;
  if (typeof main === 'string') {
    initial = fileURLToPath(new URL(`./${main}`, packageJsonUrl));
    for (const extension of legacyMainExtensions) {
      if (ctx.fs.kind(initial + extension) === 'file') return new URL(`./${main}${extension}`, packageJsonUrl);
    }
  }
  const index = fileURLToPath(new URL('./index', packageJsonUrl));
  for (const extension of legacyIndexExtensions) {
    if (ctx.fs.kind(index + extension) === 'file') return new URL(`./index${extension}`, packageJsonUrl);
  }
  throw legacyMainNotFound(initial ?? `${index}.js`, base);
}

/** Node 22.10+'s: C++ probes `resolve(dir, main) + extension`, the JS returns `resolve(dir, main + extension)`. */
function legacyMainResolvePath(packageJsonUrl: URL, main: unknown, base: string, ctx: ResolveContext): URL {
  const dir = fileURLToPath(new URL('.', packageJsonUrl));
  if (typeof main === 'string') {
    const initial = resolve(dir, main);
    for (const extension of legacyMainExtensions) {
      if (ctx.fs.kind(initial + extension) === 'file') return pathToFileURL(resolve(dir, (main || './') + extension));
    }
  }
  const index = resolve(dir, 'index');
  for (const extension of legacyIndexExtensions) {
    if (ctx.fs.kind(index + extension) === 'file') return pathToFileURL(index + extension);
  }
  throw legacyMainNotFound(typeof main === 'string' ? resolve(dir, main) : `${index}.js`, base);
}

function isConditionalExportsMainSugar(exports: unknown, packageJsonUrl: URL, base: string | null): boolean {
  if (typeof exports === 'string' || Array.isArray(exports)) return true;
  if (typeof exports !== 'object' || exports === null) return false;
  let isConditionalSugar = false;
  let i = 0;
  for (const key of Object.getOwnPropertyNames(exports)) {
    const curIsConditionalSugar = key === '' || key[0] !== '.';
    if (i++ === 0) {
      isConditionalSugar = curIsConditionalSugar;
    } else if (isConditionalSugar !== curIsConditionalSugar) {
      throw invalidPackageConfig(
        fileURLToPath(packageJsonUrl),
        hrefOf(base),
        "\"exports\" cannot contain some keys starting with '.' and some not. The exports object must either be an object of package subpath keys or an object of main entry condition name keys only.",
      );
    }
  }
  return isConditionalSugar;
}

/** `subpath` ('.', './x') of the package whose "exports" are given; `base` null when `require` walks node_modules. */
export function packageExportsResolve(
  packageJsonUrl: URL,
  subpath: string,
  exports: any,
  base: string | null,
  env: PackageResolveEnv,
): URL {
  if (isConditionalExportsMainSugar(exports, packageJsonUrl, base)) exports = { '.': exports };

  if (Object.hasOwn(exports, subpath) && !subpath.includes('*') && !subpath.endsWith('/')) {
    const target = exports[subpath];
    const result = resolvePackageTarget(packageJsonUrl, target, '', subpath, base, false, false, env);
    if (result == null) throw exportsNotFound(subpath, packageJsonUrl, base);
    return result;
  }

  const { bestMatch, bestMatchSubpath } = findPatternMatch(exports, subpath, () => {
    if (subpath.endsWith('/')) warnTrailingSlashPattern(subpath, packageJsonUrl, base, env.ctx);
  });
  if (bestMatch) {
    const target = exports[bestMatch];
    const result = resolvePackageTarget(packageJsonUrl, target, bestMatchSubpath, bestMatch, base, true, false, env);
    if (result == null) throw exportsNotFound(subpath, packageJsonUrl, base);
    return result;
  }
  throw exportsNotFound(subpath, packageJsonUrl, base);
}

// Node 24.14 and 25.4 accept "#/…" names (nodejs/node#60864, "#/*": "./src/*"); before, they are invalid.
const HASH_SLASH_IMPORTS = nodeHas('24.14', '25.4');

/** A `#name` of the package scope of `base` (a file path). */
export function packageImportsResolve(name: string, base: string, env: PackageResolveEnv): URL {
  if (name === '#' || (!HASH_SLASH_IMPORTS && name.startsWith('#/')) || name.endsWith('/')) {
    throw invalidModuleSpecifier(name, 'is not a valid internal imports specifier name', base);
  }
  let packageJsonUrl: URL | undefined;
  const scope = packageScopeOf(base, env.ctx, { mode: 'import', base });
  if (scope) {
    packageJsonUrl = pathToFileURL(packageJsonPath(scope.dir));
    const imports = scope.json.imports;
    if (imports && typeof imports === 'object') {
      if (Object.hasOwn(imports, name) && !name.includes('*')) {
        const result = resolvePackageTarget(packageJsonUrl, imports[name], '', name, base, false, true, env);
        if (result != null) return result;
      } else {
        const { bestMatch, bestMatchSubpath } = findPatternMatch(imports, name);
        if (bestMatch) {
          const target = imports[bestMatch];
          const result = resolvePackageTarget(packageJsonUrl, target, bestMatchSubpath, bestMatch, base, true, true, env);
          if (result != null) return result;
        }
      }
    }
  }
  throw packageImportNotDefined(name, packageJsonUrl && packagePathOf(packageJsonUrl), base);
}

function findPatternMatch(
  map: object,
  request: string,
  onPrefixMatch?: () => void,
): { bestMatch: string; bestMatchSubpath: string } {
  let bestMatch = '';
  let bestMatchSubpath = '';
  for (const key of Object.getOwnPropertyNames(map)) {
    const patternIndex = key.indexOf('*');
    if (patternIndex === -1 || !request.startsWith(key.slice(0, patternIndex))) continue;
    onPrefixMatch?.();
    const patternTrailer = key.slice(patternIndex + 1);
    if (
      request.length >= key.length &&
      request.endsWith(patternTrailer) &&
      patternKeyCompare(bestMatch, key) === 1 &&
      key.lastIndexOf('*') === patternIndex
    ) {
      bestMatch = key;
      bestMatchSubpath = request.slice(patternIndex, request.length - patternTrailer.length);
    }
  }
  return { bestMatch, bestMatchSubpath };
}

export function patternKeyCompare(a: string, b: string): -1 | 0 | 1 {
  const aPatternIndex = a.indexOf('*');
  const bPatternIndex = b.indexOf('*');
  const baseLengthA = aPatternIndex === -1 ? a.length : aPatternIndex + 1;
  const baseLengthB = bPatternIndex === -1 ? b.length : bPatternIndex + 1;
  if (baseLengthA > baseLengthB) return -1;
  if (baseLengthB > baseLengthA) return 1;
  if (aPatternIndex === -1) return 1;
  if (bPatternIndex === -1) return -1;
  if (a.length > b.length) return -1;
  if (b.length > a.length) return 1;
  return 0;
}

/** DEP0155, once per package and subpath, as Node warns once per process. */
function warnTrailingSlashPattern(subpath: string, packageJsonUrl: URL, base: string | null, ctx: ResolveContext): void {
  if (!ctx.emitWarning) return;
  const packageJsonFile = fileURLToPath(packageJsonUrl);
  const key = `\0resolve:dep0155:${packageJsonFile}|${subpath}`;
  if (ctx.cache?.has(key)) return;
  ctx.cache?.set(key, true);
  ctx.emitWarning(
    `Use of deprecated trailing slash pattern mapping "${subpath}" in the "exports" field module resolution of the package at ${packageJsonFile}${base ? ` imported from ${base}` : ''}. Mapping specifiers ending in "/" is no longer supported.`,
    'DeprecationWarning',
    'DEP0155',
  );
}

function exportsNotFound(subpath: string, packageJsonUrl: URL, base: string | null) {
  return packagePathNotExported(packagePathOf(packageJsonUrl), subpath, base);
}

function invalidTarget(match: string, target: unknown, packageJsonUrl: URL, internal: boolean, base: string | null) {
  return invalidPackageTarget(packagePathOf(packageJsonUrl), match, target, internal, base);
}

function isArrayIndex(key: string): boolean {
  const keyNumber = +key;
  if (`${keyNumber}` !== key) return false;
  return keyNumber >= 0 && keyNumber < 0xffff_ffff;
}

/** A URL, null (explicitly not exported) or undefined (no condition matched). */
function resolvePackageTarget(
  packageJsonUrl: URL,
  target: unknown,
  subpath: string,
  packageSubpath: string,
  base: string | null,
  pattern: boolean,
  internal: boolean,
  env: PackageResolveEnv,
): URL | null | undefined {
  if (typeof target === 'string') {
    return resolvePackageTargetString(target, subpath, packageSubpath, packageJsonUrl, base, pattern, internal, env);
  }
  if (Array.isArray(target)) {
    if (target.length === 0) return null;
    let lastException: unknown;
    for (const item of target) {
      let result: URL | null | undefined;
      try {
        result = resolvePackageTarget(packageJsonUrl, item, subpath, packageSubpath, base, pattern, internal, env);
      } catch (error) {
        lastException = error;
        if ((error as { code?: unknown }).code === 'ERR_INVALID_PACKAGE_TARGET') continue;
        throw error;
      }
      if (result === undefined) continue;
      if (result === null) {
        lastException = null;
        continue;
      }
      return result;
    }
    if (lastException === undefined || lastException === null) return lastException as null | undefined;
    throw lastException;
  }
  if (typeof target === 'object' && target !== null) {
    const keys = Object.getOwnPropertyNames(target);
    if (keys.some(isArrayIndex)) {
      throw invalidPackageConfig(
        fileURLToPath(packageJsonUrl),
        hrefOf(base),
        '"exports" cannot contain numeric property keys.',
      );
    }
    for (const key of keys) {
      if (key === 'default' || env.conditions.has(key)) {
        const conditional = (target as Record<string, unknown>)[key];
        const result = resolvePackageTarget(packageJsonUrl, conditional, subpath, packageSubpath, base, pattern, internal, env);
        if (result === undefined) continue;
        return result;
      }
    }
    return undefined;
  }
  if (target === null) return null;
  throw invalidTarget(packageSubpath, target, packageJsonUrl, internal, base);
}

function resolvePackageTargetString(
  target: string,
  subpath: string,
  match: string,
  packageJsonUrl: URL,
  base: string | null,
  pattern: boolean,
  internal: boolean,
  env: PackageResolveEnv,
): URL {
  if (subpath !== '' && !pattern && target[target.length - 1] !== '/') {
    throw invalidTarget(match, target, packageJsonUrl, internal, base);
  }

  if (!target.startsWith('./')) {
    if (internal && !target.startsWith('../') && !target.startsWith('/')) {
      if (!URL.canParse(target)) {
        // An "imports" target may name another package: resolved from this package.json.
        const exportTarget = pattern ? target.replace(patternRegEx, () => subpath) : target + subpath;
        return packageResolve(exportTarget, fileURLToPath(packageJsonUrl), env);
      }
    }
    throw invalidTarget(match, target, packageJsonUrl, internal, base);
  }

  if (invalidSegmentRegEx.test(target.slice(2))) {
    throw invalidTarget(match, target, packageJsonUrl, internal, base);
  }

  const resolved = new URL(target, packageJsonUrl);
  const packagePath = new URL('.', packageJsonUrl).pathname;
  if (!resolved.pathname.startsWith(packagePath)) {
    throw invalidTarget(match, target, packageJsonUrl, internal, base);
  }

  if (subpath === '') return resolved;

  if (invalidSegmentRegEx.test(subpath)) {
    const request = pattern ? match.replace('*', () => subpath) : match + subpath;
    const kind = internal ? 'imports' : 'exports';
    const reason = `request is not a valid match in pattern "${match}" for the "${kind}" resolution of ${fileURLToPath(packageJsonUrl)}`;
    throw invalidModuleSpecifier(request, reason, base);
  }

  if (pattern) return new URL(resolved.href.replace(patternRegEx, () => subpath));
  return new URL(subpath, resolved);
}
