import path from 'node:path';
import type { RunState } from '../run-state.js';
import { baseName, CREATE_DIRECTORY, DELETE, LIST, optionOf, opensForWriting, READ, TWO_PATHS, toPath, WRITE } from './call-kinds.js';
import type { RunVolume } from './run-volume.js';

/**
 * Brings what a call will touch into the volume (copy-up), and notes what it changes. Paths are
 * made absolute here, since memfs would resolve them against the host's cwd.
 */
export function copyUp(name: string, args: unknown[], volume: RunVolume, run: RunState): (() => void) | undefined {
  const base = baseName(name);
  if (READ.has(base) || LIST.has(base) || WRITE.has(base) || CREATE_DIRECTORY.has(base) || DELETE.has(base) || base === 'open') {
    args[0] = toPath(run, args[0]);
    const file = args[0];
    if (typeof file !== 'string') return undefined;
    if (READ.has(base)) volume.materialize(file);
    else if (LIST.has(base)) {
      if (optionOf(args, 1, 'recursive')) volume.materializeTree(file);
      else volume.list(file);
    } else if (CREATE_DIRECTORY.has(base)) volume.prepareWrite(file);
    else if (DELETE.has(base)) {
      // A directory's entries on disk must be there for rmdir to see it is not empty.
      if (optionOf(args, 1, 'recursive')) volume.materializeTree(file);
      else volume.list(file);
      const gone = volume.filesBelow(file);
      // Only once it worked: a failed delete changes nothing.
      return () => {
        for (const below of gone) volume.touched.add(below);
        volume.deleted(file);
      };
    } else if (base === 'open' && !opensForWriting(args[1])) volume.materialize(file);
    else if (base === 'open') {
      volume.prepareWrite(file);
      return () => volume.touched.add(file);
    } else {
      volume.prepareWrite(file);
      // lchmod/lchown/lutimes change a link, not the file it points to (no file changes).
      if (!base.startsWith('l')) volume.touched.add(file);
      if (base === 'chmod' || base === 'chown' || base === 'utimes') volume.metadataChanged.add(volume.realFile(file));
    }
    return undefined;
  }
  if (TWO_PATHS.has(base)) {
    const from = (args[0] = toPath(run, args[0]));
    const to = (args[1] = toPath(run, args[1]));
    if (typeof from !== 'string' || typeof to !== 'string') return undefined;
    volume.materializeTree(from);
    volume.prepareWrite(to);
    const moved = volume.filesBelow(from);
    return () => {
      for (const file of moved) {
        volume.touched.add(path.join(to, path.relative(from, file)));
        if (base === 'rename') volume.touched.add(file);
      }
      if (base === 'rename') volume.deleted(from);
    };
  }
  if (base === 'symlink') {
    args[1] = toPath(run, args[1]);
    if (typeof args[1] === 'string') volume.prepareWrite(args[1]);
  }
  return undefined;
}
