// @ts-check
// A run with files runs its entry from a tree that mirrors the disk (src/oracle/mirrored-tree.ts):
// what a module of the tree imports that the tree lacks (sibling modules, node_modules) resolves
// from the module's place on disk, as the in-process loader falls back to the disk. This is the
// tree's side of it; hooks.mjs does the same for import.
import path from 'node:path';
import { CommonJs } from './node-module.mjs';

/**
 * Whether `file` lies in the mirrored tree at `mirror`.
 * @param {string | null} mirror
 * @param {string} file
 */
export const inMirror = (mirror, file) => mirror !== null && file.startsWith(mirror + path.sep);

/**
 * The path on disk that `file` of the tree at `mirror` stands for.
 * @param {string} mirror
 * @param {string} file
 */
export function diskPathOf(mirror, file) {
  const relative = path.relative(mirror, file);
  if (process.platform !== 'win32') return `/${relative}`;
  const [drive, ...rest] = relative.split(path.sep);
  return `${drive}:${path.sep}${rest.join(path.sep)}`;
}

/**
 * Makes a require() from a module of the tree at `mirror` that the tree cannot satisfy resolve
 * from that module's place on disk.
 * @param {string} mirror
 */
export function installDiskFallback(mirror) {
  const resolveInTree = CommonJs._resolveFilename;
  CommonJs._resolveFilename = function resolveFromDisk(request, parent, isMain, options) {
    const from = parent?.filename;
    if (typeof from !== 'string' || !inMirror(mirror, from)) return resolveInTree.call(this, request, parent, isMain, options);
    try {
      return resolveInTree.call(this, request, parent, isMain, options);
    } catch (error) {
      if (/** @type {{ code?: unknown } | undefined} */ (error)?.code !== 'MODULE_NOT_FOUND') {
        return resolveInTree.call(this, request, parent, isMain, options);
      }
      const onDisk = new CommonJs(diskPathOf(mirror, from));
      onDisk.filename = diskPathOf(mirror, from);
      onDisk.paths = CommonJs._nodeModulePaths(path.dirname(onDisk.filename));
      try {
        return resolveInTree.call(this, request, onDisk, false, options);
      } catch {}
      // Not found on disk either: node's own error, thrown where node throws it.
      return resolveInTree.call(this, request, parent, isMain, options);
    }
  };
}
