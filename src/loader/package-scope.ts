import { basename, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cjsPackageJsonSyntax, finishError, invalidPackageConfig } from './resolve-errors.js';
import { dirOf, memo, type ResolveContext } from './resolve-fs.js';

export interface PackageScope {
  /** The directory holding the package.json, without a trailing '/'. */
  dir: string;
  json: Record<string, any>;
}

/** A package.json as read: its content, why it does not parse, or null when there is none. */
export type PackageRead = { json: Record<string, any> } | { syntaxError: string } | { nullJson: true } | null;

/** The package.json in `dir` (a directory without a trailing '/'), read once per run. */
export function readPackageJson(dir: string, ctx: ResolveContext): PackageRead {
  return memo(ctx, `\0resolve:pkg:${dir}`, (): PackageRead => {
    const text = ctx.fs.readFile(`${dir === '/' ? '' : dir}/package.json`);
    if (text === undefined) return null;
    try {
      const json: unknown = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
      // Node 20's reader fails on a literal `null` with a TypeError, and reads nothing from other non-objects.
      if (json === null) return { nullJson: true };
      return { json: typeof json === 'object' ? (json as Record<string, any>) : {} };
    } catch (error) {
      return { syntaxError: (error as Error).message };
    }
  });
}

/** How a failed read surfaces: `require` throws a SyntaxError, `import` ERR_INVALID_PACKAGE_CONFIG. */
export type PackageErrorStyle = { mode: 'require' } | { mode: 'import'; whileImporting?: string | null };

/** The content of a read, or the error Node throws for it. */
export function packageJsonOf(read: PackageRead, dir: string, style: PackageErrorStyle): Record<string, any> | undefined {
  if (read === null) return undefined;
  if ('json' in read) return read.json;
  if ('nullJson' in read) throw new TypeError('Cannot convert undefined or null to object');
  const jsonPath = `${dir === '/' ? '' : dir}/package.json`;
  if (style.mode === 'require') throw cjsPackageJsonSyntax(jsonPath, read.syntaxError);
  throw invalidPackageConfig(jsonPath, style.whileImporting, read.syntaxError);
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
 * ERR_INVALID_PACKAGE_CONFIG.
 *
 * @example findPackageScope('/repo/src/cli.js', { fs: realFs }) // { dir: '/repo', json: {...} }
 */
export function findPackageScope(path: string, ctx: ResolveContext): PackageScope | undefined {
  if (path.startsWith('file:')) path = fileURLToPath(path);
  try {
    return packageScopeOf(path, ctx, { mode: 'import', whileImporting: path });
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
  const byExtension = FORMAT_BY_EXTENSION[extname(path)];
  if (byExtension !== undefined) return byExtension;
  const style: PackageErrorStyle = mode === 'require' ? { mode } : { mode, whileImporting: path };
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
