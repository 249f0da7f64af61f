import type ImportedModule from 'node:module';
import path from 'node:path';
import { builtinId, Module } from './builtins.js';

/** A CommonJS module as Node builds it (`new Module`), with its require pointing at our loader. */
export type CjsModule = ImportedModule & { exports: unknown; loaded: boolean; filename: string };

/** What a run's `require` functions ask of the run's registry. */
export interface RequireHost {
  /** `require(id)` of `site`. */
  requireAt(site: RequireSite, id: unknown): unknown;
  /** `require.resolve(request, options)` of `site`. */
  resolveAt(site: RequireSite, request: unknown, options?: { paths?: string[] }): string;
}

/**
 * Where a `require` function was made: what its calls resolve from. A run's require,
 * require.resolve and require.resolve.paths are closures over this one object, named as Node's:
 * binding and then renaming a function costs ~0.4 µs per function, several percent of a warm run.
 */
export class RequireSite {
  constructor(
    readonly host: RequireHost,
    readonly module: CjsModule | undefined,
    readonly parentPath: string,
  ) {}
}

/**
 * A `require` function for `site`, as Node makes it: `resolve`, `resolve.paths`, `main` (a
 * snapshot, as Node's, taken before any require of the run), `extensions` and `cache`, in Node's
 * order of keys.
 */
export function createRequireFunction(site: RequireSite, main: unknown, cache: Record<string, CjsModule>): NodeJS.Require {
  const require = requireFunction(site) as NodeJS.Require;
  const resolve = resolveFunction(site) as NodeJS.RequireResolve;
  resolve.paths = pathsFunction(site);
  require.resolve = resolve;
  require.main = main as NodeJS.Module | undefined;
  require.extensions = (Module as unknown as { _extensions: NodeJS.RequireExtensions })._extensions;
  require.cache = cache as NodeJS.Require['cache'];
  return require;
}

// Named through an object key, as a bundler may rename a function's own name (`require2`); plain
// functions, not arrows, as Node's have a prototype.
function requireFunction(site: RequireSite) {
  return {
    // biome-ignore lint/complexity/useArrowFunction: a function like Node's, with a prototype
    require: function (id: unknown): unknown {
      return site.host.requireAt(site, id);
    },
  }.require;
}

function resolveFunction(site: RequireSite) {
  return {
    // biome-ignore lint/complexity/useArrowFunction: a function like Node's, with a prototype
    resolve: function (request: unknown, options?: { paths?: string[] }): string {
      return site.host.resolveAt(site, request, options);
    },
  }.resolve;
}

function pathsFunction(site: RequireSite) {
  return {
    // biome-ignore lint/complexity/useArrowFunction: a function like Node's, with a prototype
    paths: function (request: string): string[] | null {
      if (builtinId(request)) return null;
      // Node's own answer from the module's `paths` (which a script may change): for a bare
      // request those and the global folders (~/.node_modules…), for a relative one its directory.
      const parent = site.module ?? { id: site.parentPath, filename: site.parentPath, paths: nodeModulePaths(path.dirname(site.parentPath)) };
      return (Module as unknown as { _resolveLookupPaths(request: string, parent: object): string[] | null })._resolveLookupPaths(
        request,
        parent,
      );
    },
  }.paths;
}

/** Node's `_nodeModulePaths(dir)`, computed once per directory: each caller gets its own copy. */
const nodeModulePathsByDir = new Map<string, readonly string[]>();

export function nodeModulePaths(dir: string): string[] {
  let paths = nodeModulePathsByDir.get(dir);
  if (paths === undefined) {
    paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dir);
    nodeModulePathsByDir.set(dir, paths);
  }
  return paths.slice();
}
