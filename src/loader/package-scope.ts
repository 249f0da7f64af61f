import { basename, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { finishError } from '../node-errors.js';
import { cjsPackageJsonSyntax, invalidPackageConfig, nativeInvalidPackageConfig } from './resolve-errors.js';
import { dirOf, memo, nodeHas, type ResolveContext } from './resolve-fs.js';

export interface PackageScope {
  /** The directory holding the package.json, without a trailing '/'. */
  dir: string;
  json: Record<string, any>;
}

/**
 * A package.json as read once per run: the parsed value (any JSON), or why it does not parse, or
 * null when there is none. `native` caches what Node 22+'s reader makes of it.
 */
export type PackageRead = { value: unknown; native?: Record<string, any> | null } | { syntaxError: string } | null;

/** The package.json in `dir` (a directory without a trailing '/'), read once per run. */
export function readPackageJson(dir: string, ctx: ResolveContext): PackageRead {
  return memo(ctx, `\0resolve:pkg:${dir}`, (): PackageRead => {
    const text = ctx.fs.readFile(`${dir === '/' ? '' : dir}/package.json`);
    if (text === undefined) return null;
    try {
      return { value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
    } catch (error) {
      return { syntaxError: (error as Error).message };
    }
  });
}

/**
 * How a failed read surfaces: as the host's Node reports it from its CommonJS loader ('require')
 * or ESM resolver ('import', from `base`, and `specifier` on the node_modules walk). `node20`
 * keeps Node 20's reading and wording on every host (findPackageScope).
 */
export type PackageErrorStyle = { node20?: boolean } & (
  | { mode: 'require' }
  | { mode: 'import'; base: string; specifier?: string }
);

// Node 22 reads package.json in C++ (simdjson, nodejs/node#50322) rather than with JSON.parse: a
// file that does not parse, is not an object, or has a non-string "name" or "type" is refused
// with ERR_INVALID_PACKAGE_CONFIG and no reason, and "exports"/"imports" other than an object,
// array or string are ignored. Node 20 reads any JSON, and throws only for a syntax error or null.
const NATIVE_PACKAGE_READER = nodeHas('22.0');

/** The content of a read, or the error the host's Node throws for it. */
export function packageJsonOf(read: PackageRead, dir: string, style: PackageErrorStyle): Record<string, any> | undefined {
  if (read === null) return undefined;
  if (NATIVE_PACKAGE_READER && !style.node20) {
    if ('value' in read) {
      if (read.native === undefined) read.native = nativeView(read.value);
      if (read.native !== null) return read.native;
    }
    const walk = style.mode === 'import' && style.specifier !== undefined;
    throw nativeInvalidPackageConfig(packageJsonFile(dir), walk ? `"${style.specifier}" from ${style.base}` : undefined);
  }
  if ('value' in read) {
    const { value } = read;
    // Node 20's reader fails on a literal `null` with a TypeError, and reads nothing from other non-objects.
    if (value === null) throw new TypeError('Cannot convert undefined or null to object');
    return typeof value === 'object' ? (value as Record<string, any>) : {};
  }
  if (style.mode === 'require') throw cjsPackageJsonSyntax(packageJsonFile(dir), read.syntaxError);
  const whileImporting = style.specifier === undefined ? style.base : `"${style.specifier}" from ${style.base}`;
  throw invalidPackageConfig(packageJsonFile(dir), whileImporting, read.syntaxError);
}

function packageJsonFile(dir: string): string {
  return `${dir === '/' ? '' : dir}/package.json`;
}

/** What Node 22+'s reader keeps of a parsed package.json; null when it refuses the file. */
function nativeView(value: unknown): Record<string, any> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const json = value as Record<string, any>;
  if (Object.hasOwn(json, 'name') && typeof json.name !== 'string') return null;
  if (Object.hasOwn(json, 'type') && typeof json.type !== 'string') return null;
  let view = json;
  for (const field of ['exports', 'imports'] as const) {
    const fieldValue: unknown = json[field];
    if (fieldValue === undefined || fieldValue === null || typeof fieldValue === 'object') continue;
    if (typeof fieldValue === 'string' && fieldValue[0] !== '[' && fieldValue[0] !== '{') continue;
    if (view === json) view = { ...json };
    if (typeof fieldValue !== 'string') {
      delete view[field];
      continue;
    }
    // Node keeps an object's raw JSON text and parses it when read, so a string that looks like
    // JSON is parsed too, and one that does not parse throws its SyntaxError on every read.
    try {
      view[field] = JSON.parse(fieldValue);
    } catch {
      Object.defineProperty(view, field, { get: () => JSON.parse(fieldValue), enumerable: true });
    }
  }
  return view;
}

/** The directory of the nearest package.json at or above `dir`, stopping at a node_modules folder. */
function scopeDirFrom(dir: string, ctx: ResolveContext): string | null {
  return memo(ctx, `\0resolve:scope:${dir}`, (): string | null => {
    // Both of Node's lookups stop below node_modules: a package never inherits the "type" above it.
    if (basename(dir) === 'node_modules') return null;
    if (readPackageJson(dir, ctx) !== null) return dir;
    const up = dirOf(dir);
    return up === dir ? null : scopeDirFrom(up, ctx);
  });
}

/** The nearest package scope of a file, throwing Node's error (in `style`) for an unreadable one. */
export function packageScopeOf(path: string, ctx: ResolveContext, style: PackageErrorStyle): PackageScope | undefined {
  const dir = scopeDirFrom(dirOf(path), ctx);
  if (dir === null) return undefined;
  const json = packageJsonOf(readPackageJson(dir, ctx), dir, style);
  return json === undefined ? undefined : { dir, json };
}

/**
 * Nearest package.json at or above `path`'s directory: { dir, json } or undefined (cached in ctx.cache).
 * Like Node it stops at a `node_modules` directory, and a package.json that does not parse throws
 * ERR_INVALID_PACKAGE_CONFIG, read and worded as Node 20 does on every host (the parser's reason
 * included); moduleFormat and the resolver follow the host's Node.
 *
 * @example findPackageScope('/repo/src/cli.js', { fs: realFs }) // { dir: '/repo', json: {...} }
 */
export function findPackageScope(path: string, ctx: ResolveContext): PackageScope | undefined {
  if (path.startsWith('file:')) path = fileURLToPath(path);
  try {
    return packageScopeOf(path, ctx, { mode: 'import', base: path, node20: true });
  } catch (error) {
    finishError(error, findPackageScope);
    throw error;
  }
}

export type ModuleFormat = 'commonjs' | 'module' | 'json' | 'addon' | 'wasm' | 'ambiguous';

const FORMAT_BY_EXTENSION: Record<string, ModuleFormat> = {
  '.mjs': 'module',
  '.mts': 'module',
  '.cjs': 'commonjs',
  '.cts': 'commonjs',
  '.json': 'json',
  '.node': 'addon',
  '.wasm': 'wasm',
};

/** The format an extension alone decides (`.mjs`, `.cjs`, `.json`, …), whatever package.json says. */
export function formatByExtension(path: string): ModuleFormat | undefined {
  return FORMAT_BY_EXTENSION[extname(path)];
}

/**
 * How Node would load the file: by extension and the nearest package.json "type".
 * `.js`, `.ts`, `.jsx`, `.tsx`, extensionless and unknown extensions follow "type"; with no
 * "type" the answer is 'ambiguous' and the caller detects ESM syntax (Node's detect-module).
 * It does not reject extensions Node's ESM loader would (ERR_UNKNOWN_FILE_EXTENSION).
 *
 * @example moduleFormat('/repo/src/cli.ts', ctx) // 'module' when /repo/package.json has "type": "module"
 */
export function moduleFormat(path: string, ctx: ResolveContext, mode: 'require' | 'import' = 'import'): ModuleFormat {
  if (path.startsWith('file:')) path = fileURLToPath(path);
  const byExtension = formatByExtension(path);
  if (byExtension !== undefined) return byExtension;
  const style: PackageErrorStyle = mode === 'require' ? { mode } : { mode, base: path };
  let type: unknown;
  try {
    type = packageScopeOf(path, ctx, style)?.json.type;
  } catch (error) {
    finishError(error, moduleFormat);
    throw error;
  }
  if (type === 'module') return 'module';
  if (type === 'commonjs') return 'commonjs';
  return 'ambiguous';
}
