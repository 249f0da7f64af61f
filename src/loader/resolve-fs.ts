import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** Synchronous file-system view the resolver reads through (real disk now, an in-memory volume later). */
export interface ResolveFs {
  /** 'file', 'directory', or undefined when nothing is there. Follows symlinks. */
  kind(path: string): 'file' | 'directory' | undefined;
  /** UTF-8 content, or undefined when absent. */
  readFile(path: string): string | undefined;
  /** Resolves symlinks (like fs.realpathSync); returns the input when it fails. */
  realpath(path: string): string;
}

/** The real disk, through `node:fs`. */
export const realFs: ResolveFs = {
  kind(path) {
    try {
      const stats = statSync(path, { throwIfNoEntry: false });
      if (stats === undefined) return undefined;
      // Like Node's internalModuleStat: anything that is not a directory counts as a file.
      return stats.isDirectory() ? 'directory' : 'file';
    } catch {
      return undefined;
    }
  },
  readFile(path) {
    // A stat first: a throwing ENOENT read costs far more, and most probes miss.
    if (realFs.kind(path) !== 'file') return undefined;
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  realpath(path) {
    try {
      return realpathSync.native(path);
    } catch {
      return path;
    }
  },
};

/** What one resolution reads through, and the per-run memory it may keep. */
export interface ResolveContext {
  fs: ResolveFs;
  /**
   * Per-run memory (the caller makes one Map per run): package.json reads, realpaths, which
   * node_modules directories exist, and successful resolutions, as Node caches them for a process.
   */
  cache?: Map<string, unknown>;
  /** The "Require stack" of a MODULE_NOT_FOUND error, innermost first; defaults to [parentPath]. */
  requireStack?: string[];
  /** User conditions, as `node --conditions=…` adds them to both modes. */
  conditions?: readonly string[];
  /** Directory the "Did you mean to import …?" hint resolves relative specifiers from, as Node uses process.cwd(). */
  cwd?: string;
  /** Called for Node's DEP0128 warning (a package.json "main" that does not exist, with an index fallback). */
  emitWarning?: (message: string, type: string, code: string) => void;
}

/** `compute()` once per run and key; without a cache, every time. `undefined` is never stored. */
export function memo<T>(ctx: ResolveContext, key: string, compute: () => T): T {
  const cache = ctx.cache;
  if (cache === undefined) return compute();
  const hit = cache.get(key);
  if (hit !== undefined) return hit as T;
  const value = compute();
  if (value !== undefined) cache.set(key, value);
  return value;
}

export function realpathOf(path: string, ctx: ResolveContext): string {
  return memo(ctx, `\0resolve:real:${path}`, () => ctx.fs.realpath(path));
}

export { nodeHas } from '../node-version.js';

/** The directory a parent path's relative specifiers start from; a trailing '/' marks a directory. */
export function dirOf(path: string): string {
  if (path.length > 1 && path.endsWith('/')) return path.slice(0, -1);
  return dirname(path);
}
