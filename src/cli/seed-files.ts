import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { CliUsageError } from './args.js';

export interface SeedOptions {
  /** How the directory is named in messages: as the command line gave it. */
  given?: string;
  /** Names of directories not copied, wherever they are (`node_modules`: modules resolve from the disk anyway). */
  leaveOut?: readonly string[];
  /** At most this many files; more is misuse, said with `tooLarge`. */
  maxFiles?: number;
  /** What to say when the directory holds more than `maxFiles` files. */
  tooLarge?: string;
}

/**
 * A directory's tree as a `files` option — keys relative to it (so that the run lays them over
 * its cwd), contents as bytes, empty directories as `dir/`. Symbolic links are followed (a link
 * to a directory already on the way is not followed again); sockets, fifos and devices are left
 * out. Read from the disk once, before the run: the run never writes back.
 */
export function readSeedDirectory(dir: string, options: SeedOptions = {}): Record<string, Uint8Array | null> {
  const given = options.given ?? dir;
  const stats = statSync(dir, { throwIfNoEntry: false });
  if (!stats) throw new CliUsageError(`--files ${given}: no such directory`);
  if (!stats.isDirectory()) throw new CliUsageError(`--files ${given}: not a directory`);
  const walk = new SeedWalk(options);
  try {
    walk.directory(dir, '', new Set([realpathSync(dir)]));
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    // a file or directory it may not read: said as Node says it (`EACCES: permission denied, open '…'`)
    throw new CliUsageError(`--files ${given}: ${(error as Error).message}`);
  }
  return walk.files;
}

class SeedWalk {
  readonly files: Record<string, Uint8Array | null> = {};
  private count = 0;

  constructor(private readonly options: SeedOptions) {}

  directory(dir: string, prefix: string, onTheWay: Set<string>): void {
    const names = readdirSync(dir).sort();
    if (names.length === 0 && prefix !== '') this.files[`${prefix}/`] = null;
    for (const name of names) {
      const full = path.join(dir, name);
      const key = prefix === '' ? name : `${prefix}/${name}`;
      const stats = statSync(full, { throwIfNoEntry: false });
      if (stats?.isFile()) {
        if (++this.count > (this.options.maxFiles ?? Number.POSITIVE_INFINITY)) throw new CliUsageError(this.options.tooLarge ?? '');
        this.files[key] = readFileSync(full);
      } else if (stats?.isDirectory() && !this.options.leaveOut?.includes(name)) {
        const real = realpathSync(full);
        if (onTheWay.has(real)) continue;
        onTheWay.add(real);
        this.directory(full, key, onTheWay);
        onTheWay.delete(real);
      }
    }
  }
}
