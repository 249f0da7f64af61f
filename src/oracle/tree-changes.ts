import { isUtf8 } from 'node:buffer';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunResult } from '../result.js';

/** A regular file as a snapshot of a tree keeps it: a file counts as changed by any of these. */
export interface FileState {
  content: Buffer;
  ino: bigint;
  ctimeNs: bigint;
}

/** `path` inside `dir` (or `dir` itself)? */
export function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/** The regular files below `dir` (symbolic links not followed). */
export function regularFiles(dir: string, into = new Map<string, FileState>()): Map<string, FileState> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return into;
  }
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      const stats = lstatSync(file, { bigint: true });
      if (stats.isDirectory()) regularFiles(file, into);
      else if (stats.isFile()) into.set(file, { content: readFileSync(file), ino: stats.ino, ctimeNs: stats.ctimeNs });
    } catch {
      // gone or unreadable: not reported
    }
  }
  return into;
}

/**
 * `result.files` for the tree at `root` against its `baseline`: regular files created or changed
 * (a new inode, ctime or content) as UTF-8 strings or Buffers, deleted ones as `null`; keyed by
 * the path on disk each stands for (`diskPathOf`), POSIX-relative to cwd inside it, absolute
 * outside, in sorted order.
 */
export function treeChanges(
  root: string,
  baseline: Map<string, FileState>,
  diskPathOf: (file: string) => string,
  cwd: string,
): RunResult['files'] {
  const after = regularFiles(root);
  const changed = new Map<string, Buffer | null>();
  for (const [file, state] of after) {
    const before = baseline.get(file);
    if (!before || before.ino !== state.ino || before.ctimeNs !== state.ctimeNs || !before.content.equals(state.content)) {
      changed.set(diskPathOf(file), state.content);
    }
  }
  for (const file of baseline.keys()) if (!after.has(file)) changed.set(diskPathOf(file), null);
  const result: RunResult['files'] = {};
  for (const file of [...changed.keys()].sort()) {
    const content = changed.get(file)!;
    const relative = path.relative(cwd, file);
    const key = isInside(cwd, file) ? relative.split(path.sep).join('/') : file;
    result[key] = content === null ? null : isUtf8(content) ? content.toString('utf8') : content;
  }
  return result;
}
