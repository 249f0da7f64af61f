import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The directories whose files a run may read from disk in 'memory' mode (SPEC §5): the packages
 * it runs and loads code from. What is added is the package, not the nearest package.json: a
 * nested one that names no package marks its folder's module type (rimraf's
 * `dist/esm/package.json` is `{ "type": "module" }`), and the package around it stays readable
 * (package-json-from-dist reads rimraf's own package.json from there).
 */
export class ReadableRoots extends Set<string> {
  override add(dir: string): this {
    return super.add(this.has(dir) ? dir : packageRootOf(dir));
  }
}

/** The package.json of `dir`, parsed; undefined when there is none (or it does not parse). */
function manifestOf(dir: string): unknown {
  try {
    return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

const namesAPackage = (manifest: unknown): boolean =>
  typeof manifest === 'object' && manifest !== null && typeof (manifest as { name?: unknown }).name === 'string';

/**
 * The package `dir` belongs to: `dir` itself when its package.json names a package (or it has
 * none), else the nearest directory above whose package.json does, not past a node_modules
 * folder; `dir` when there is no such directory.
 */
export function packageRootOf(dir: string): string {
  const own = manifestOf(dir);
  if (own === undefined || namesAPackage(own)) return dir;
  for (let current = path.dirname(dir); path.basename(current) !== 'node_modules'; current = path.dirname(current)) {
    if (namesAPackage(manifestOf(current))) return current;
    if (current === path.dirname(current)) break;
  }
  return dir;
}
