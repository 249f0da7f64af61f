import { readFileSync, realpathSync, type Stats, statSync } from 'node:fs';
import type { ResolveFs } from './resolve-fs.js';

/** A file's text kept across runs, with the stat it was read under. */
interface CachedText {
  mtimeMs: number;
  size: number;
  ino: number;
  text: string;
}

/** Contents of the files runs read: most runs read the same script and packages again. */
const texts = new Map<string, CachedText>();

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * The disk as one run sees it. Each path is stat'ed at most once per run (the run's view is a
 * snapshot, as a process's module loader keeps its own), and a file whose stat is unchanged since
 * an earlier run is not read again: a run of a warm script costs one stat per file it loads.
 */
export function createRunFs(): ResolveFs {
  const stats = new Map<string, Stats | null>();
  const realpaths = new Map<string, string>();
  const stat = (path: string): Stats | undefined => {
    let found = stats.get(path);
    if (found === undefined) {
      found = statOf(path) ?? null;
      stats.set(path, found);
    }
    return found ?? undefined;
  };
  return {
    kind(path) {
      const stats = stat(path);
      if (!stats) return undefined;
      // Like Node's internalModuleStat: anything that is not a directory counts as a file.
      return stats.isDirectory() ? 'dir' : 'file';
    },
    readFile(path) {
      const stats = stat(path);
      if (!stats || stats.isDirectory()) return undefined;
      const cached = texts.get(path);
      if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size && cached.ino === stats.ino) {
        return cached.text;
      }
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
      texts.set(path, { mtimeMs: stats.mtimeMs, size: stats.size, ino: stats.ino, text });
      return text;
    },
    realpath(path) {
      let real = realpaths.get(path);
      if (real === undefined) {
        try {
          real = realpathSync.native(path);
        } catch {
          real = path;
        }
        realpaths.set(path, real);
      }
      return real;
    },
  };
}
