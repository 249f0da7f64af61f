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
 * A class, as are the other objects made per run: see "Objects made per run" in CONTRIBUTING.md.
 */
class DiskView implements ResolveFs {
  private readonly stats = new Map<string, Stats | null>();
  private readonly realpaths = new Map<string, string>();

  private stat(path: string): Stats | undefined {
    let found = this.stats.get(path);
    if (found === undefined) {
      found = statOf(path) ?? null;
      this.stats.set(path, found);
    }
    return found ?? undefined;
  }

  kind(path: string): 'file' | 'directory' | undefined {
    const stats = this.stat(path);
    if (!stats) return undefined;
    // Like Node's internalModuleStat: anything that is not a directory counts as a file.
    return stats.isDirectory() ? 'directory' : 'file';
  }

  readFile(path: string): string | undefined {
    const stats = this.stat(path);
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
  }

  realpath(path: string): string {
    let real = this.realpaths.get(path);
    if (real === undefined) {
      try {
        real = realpathSync.native(path);
      } catch {
        real = path;
      }
      this.realpaths.set(path, real);
    }
    return real;
  }
}

/** A fresh view of the disk for one run. */
export function createDiskView(): ResolveFs {
  return new DiskView();
}
