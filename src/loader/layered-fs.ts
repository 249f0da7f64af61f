import path from 'node:path';
import type { NormalizedOptions } from '../options.js';
import type { RunVolume } from '../sandbox/fs/run-volume.js';
import type { RunState } from '../sandbox/run-state.js';
import type { ResolveFs } from './resolve-fs.js';

// The files a run's loader and its entry lookup read: layers over the disk.

/**
 * The files the loader reads: the run's volume first (a script and its imports may live there
 * only), then the disk.
 */
export class VolumeFirstFs implements ResolveFs {
  constructor(
    private readonly run: RunState,
    private readonly disk: ResolveFs,
  ) {}

  private lookup(p: string): 'file' | 'directory' | 'absent' | 'disk' {
    return (this.run.volume as RunVolume | undefined)?.lookup(p) ?? 'disk';
  }

  kind(p: string): 'file' | 'directory' | undefined {
    const found = this.lookup(p);
    if (found === 'disk') return this.disk.kind(p);
    return found === 'absent' ? undefined : found;
  }

  readFile(p: string): string | undefined {
    const found = this.lookup(p);
    if (found === 'disk') return this.disk.readFile(p);
    return found === 'file' ? (this.run.volume as RunVolume).text(p) : undefined;
  }

  realpath(p: string): string {
    return this.lookup(p) === 'disk' ? this.disk.realpath(p) : p;
  }
}

/** The disk plus the files `options.files` seeds: what the target is looked up in. */
export function withSeededFiles(fs: ResolveFs, opts: Pick<NormalizedOptions, 'files' | 'fs' | 'cwd'>): ResolveFs {
  if (!opts.files || opts.fs === 'real') return fs;
  const seeded = new Map<string, string | null>();
  for (const [key, content] of Object.entries(opts.files)) {
    const file = path.resolve(opts.cwd, key);
    seeded.set(file, content === null || key.endsWith('/') ? null : Buffer.from(content).toString());
    for (let dir = path.dirname(file); !seeded.has(dir) && dir !== path.dirname(dir); dir = path.dirname(dir)) seeded.set(dir, null);
  }
  return new OverlaidFs(fs, seeded);
}

/** A file system with some files (text) and directories (null) laid over it. */
export class OverlaidFs implements ResolveFs {
  constructor(
    private readonly under: ResolveFs,
    private readonly entries: Map<string, string | null>,
  ) {}

  kind(p: string): 'file' | 'directory' | undefined {
    return this.entries.has(p) ? (this.entries.get(p) === null ? 'directory' : 'file') : this.under.kind(p);
  }

  readFile(p: string): string | undefined {
    return this.entries.has(p) ? (this.entries.get(p) ?? undefined) : this.under.readFile(p);
  }

  realpath(p: string): string {
    return this.entries.has(p) ? p : this.under.realpath(p);
  }
}
