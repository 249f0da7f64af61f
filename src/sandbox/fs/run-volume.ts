import realFs from 'node:fs';
import path from 'node:path';
import type { createFsFromVolume, Volume } from 'memfs';
import { loadMemfs, newVolume } from './memfs.js';

export type LayeredMode = 'memory' | 'overlay';

type MemoryFs = ReturnType<typeof createFsFromVolume>;

/**
 * A run's filesystem (SPEC §5): a memfs Volume that takes every write, above the real disk, read
 * only. In 'overlay' the whole disk shows through; in 'memory' only the readable roots (the
 * script's package, the packages the run loaded code from) do, plus the directories on the way
 * to them. What shows through is copied up into the volume when first touched ("materialized"),
 * after which memfs alone serves every call, so its Node-identical behaviour and errors hold.
 * Deleting something of the disk leaves a whiteout, so it stays deleted.
 */
export class RunVolume {
  readonly volume: Volume;
  readonly fs: MemoryFs;
  /** Paths of the disk the run deleted (or renamed away): absent, with everything below them. */
  private readonly whiteouts = new Set<string>();
  /** Directories copied up whose entries on disk are not listed in the volume yet. */
  private readonly unlisted = new Set<string>();
  /** Files listed from disk but not yet read: empty in the volume until first touched. */
  private readonly placeholders = new Set<string>();
  /** Files the run wrote or deleted: what `result.files` reports. */
  readonly touched = new Set<string>();
  /** Files whose mode, owner or times the run changed: changed even with the same bytes. */
  readonly metadataChanged = new Set<string>();
  /** Which file each open descriptor of the volume is. */
  private readonly descriptors = new Map<number, string>();
  /** Paths that existed before the run (on the readable disk, or seeded). */
  private readonly preexisting = new Set<string>();
  /** Their content then: a file rewritten with the same bytes did not change. */
  private readonly originals = new Map<string, Buffer>();

  constructor(
    private readonly mode: LayeredMode,
    private readonly readableRoots: Set<string>,
  ) {
    this.volume = newVolume();
    this.fs = loadMemfs().createFsFromVolume(this.volume);
  }

  /** Seeds the volume (`files`): these count as there before the run. */
  seed(files: Record<string, string | Uint8Array | null>, cwd: string): void {
    for (const [key, content] of Object.entries(files)) {
      const file = path.resolve(cwd, key);
      if (content === null || key.endsWith('/')) {
        this.fs.mkdirSync(file, { recursive: true });
        continue;
      }
      this.fs.mkdirSync(path.dirname(file), { recursive: true });
      this.fs.writeFileSync(file, content, { mode: 0o666 & ~process.umask() });
      this.preexisting.add(file);
      this.originals.set(file, Buffer.from(content));
    }
  }

  /** Nothing of the disk at or below `directory` shows through: the volume's content replaces it. */
  hideDisk(directory: string): void {
    this.whiteouts.add(directory);
  }

  ensureDirectory(directory: string): void {
    this.materialize(directory);
    if (!this.has(directory)) this.fs.mkdirSync(directory, { recursive: true });
  }

  private has(file: string): boolean {
    try {
      this.fs.lstatSync(file);
      return true;
    } catch {
      return false;
    }
  }

  private isWhiteout(file: string): boolean {
    for (let current = file; ; current = path.dirname(current)) {
      if (this.whiteouts.has(current)) return true;
      if (current === path.dirname(current)) return false;
    }
  }

  /** Whether the disk's entry at `file` shows through: readable, or on the way to a readable root. */
  private visibility(file: string): 'readable' | 'passage' | 'hidden' {
    if (this.mode === 'overlay') return 'readable';
    for (const root of this.readableRoots) {
      if (file === root || file.startsWith(`${root}${path.sep}`)) return 'readable';
    }
    for (const root of this.readableRoots) {
      if (root.startsWith(`${file === path.sep ? '' : file}${path.sep}`)) return 'passage';
    }
    return 'hidden';
  }

  private diskEntry(file: string): realFs.Stats | undefined {
    if (this.visibility(file) === 'hidden' || this.isWhiteout(file)) return undefined;
    try {
      return realFs.lstatSync(file, { throwIfNoEntry: false }) ?? undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * What the volume says of `file` for the module loader: 'file' or 'directory', 'absent' when the run
   * deleted it, 'disk' when the volume has no say (read it from disk). `text` reads it.
   */
  lookup(file: string): 'file' | 'directory' | 'absent' | 'disk' {
    if (this.placeholders.has(file)) return 'disk';
    try {
      const stats = this.fs.statSync(file);
      return stats.isDirectory() ? 'directory' : 'file';
    } catch {
      return this.isWhiteout(file) ? 'absent' : 'disk';
    }
  }

  text(file: string): string {
    return this.fs.readFileSync(file, 'utf8') as string;
  }

  /** Whether `file` was on the visible disk (for reporting a deletion). */
  existedOnDisk(file: string): boolean {
    if (this.visibility(file) !== 'readable') return false;
    return realFs.existsSync(file);
  }

  /**
   * Before `file` is created or changed: its current content and the directories above it come
   * into the volume as on disk (a new file in an existing directory must not hide its siblings).
   */
  prepareWrite(file: string): void {
    this.materialize(file);
    for (let directory = path.dirname(file); ; directory = path.dirname(directory)) {
      this.materialize(directory);
      if (this.has(directory) || directory === path.dirname(directory)) break;
    }
  }

  /** Makes the volume show `file` as the disk has it, if the run may see it and has not changed it. */
  materialize(file: string, depth = 0): void {
    if (this.placeholders.has(file)) {
      this.placeholders.delete(file);
      const content = realFs.readFileSync(file);
      this.fs.writeFileSync(file, content);
      this.originals.set(file, content);
      return;
    }
    if (file === path.dirname(file) || depth > 32) return;
    if (this.has(file)) {
      this.followLink(file, depth);
      return;
    }
    const parent = path.dirname(file);
    this.materialize(parent, depth);
    const link = this.linkTarget(parent);
    if (link) {
      // The parent is a symbolic link: the entry lives below its target.
      this.materialize(path.join(link, path.basename(file)), depth + 1);
      return;
    }
    const entry = this.diskEntry(file);
    if (!entry || !this.has(parent)) return;
    this.copyUp(file, entry);
    this.followLink(file, depth);
  }

  isDirectory(file: string): boolean {
    this.materialize(file);
    try {
      return this.fs.lstatSync(file).isDirectory();
    } catch {
      return false;
    }
  }

  /** The first of `file` and the directories above it that does not exist: what mkdir -p creates first. */
  firstMissing(file: unknown): string | undefined {
    if (typeof file !== 'string') return undefined;
    let missing: string | undefined;
    for (let current = file; current !== path.dirname(current); current = path.dirname(current)) {
      this.materialize(current);
      if (this.has(current)) break;
      missing = current;
    }
    return missing;
  }

  isSymbolicLink(file: string): boolean {
    try {
      return this.fs.lstatSync(file).isSymbolicLink();
    } catch {
      return false;
    }
  }

  /** The absolute target of `file` if the volume holds it as a symbolic link. */
  private linkTarget(file: string): string | undefined {
    try {
      if (!this.fs.lstatSync(file).isSymbolicLink()) return undefined;
      return path.resolve(path.dirname(file), String(this.fs.readlinkSync(file)));
    } catch {
      return undefined;
    }
  }

  /** A symbolic link is no use without what it points to. */
  private followLink(file: string, depth: number): void {
    const target = this.linkTarget(file);
    if (target) this.materialize(target, depth + 1);
  }

  private copyUp(file: string, entry: realFs.Stats): void {
    if (entry.isDirectory()) {
      this.fs.mkdirSync(file, { mode: entry.mode & 0o7777 });
      if (this.visibility(file) === 'readable') this.unlisted.add(file);
    } else if (entry.isSymbolicLink()) {
      this.fs.symlinkSync(realFs.readlinkSync(file), file);
    } else if (entry.isFile()) {
      const content = realFs.readFileSync(file);
      this.fs.writeFileSync(file, content, { mode: entry.mode & 0o7777 });
      this.fs.utimesSync(file, entry.atime, entry.mtime);
      this.preexisting.add(file);
      this.originals.set(file, content);
    } else {
      // A device, FIFO or socket: present, empty (reading /dev/urandom to its end would never end).
      this.fs.writeFileSync(file, '');
    }
  }

  /** Lists a copied-up directory's entries on disk in the volume (contents loaded when touched). */
  list(directory: string): void {
    this.materialize(directory);
    if (!this.unlisted.delete(directory)) return;
    let names: string[];
    try {
      names = realFs.readdirSync(directory);
    } catch {
      return;
    }
    for (const name of names) {
      const child = path.join(directory, name);
      if (this.has(child)) continue;
      const entry = this.diskEntry(child);
      if (!entry) continue;
      if (entry.isFile()) {
        this.fs.writeFileSync(child, '', { mode: entry.mode & 0o7777 });
        this.placeholders.add(child);
        this.preexisting.add(child);
      } else {
        this.copyUp(child, entry);
      }
    }
  }

  /** Everything below `file` in the volume, as on disk: before a recursive copy, removal or listing. */
  materializeTree(file: string): void {
    this.materialize(file);
    let directory: boolean;
    try {
      directory = this.fs.lstatSync(file).isDirectory();
    } catch {
      return;
    }
    if (!directory) return;
    this.list(file);
    for (const name of this.fs.readdirSync(file) as string[]) this.materializeTree(path.join(file, name));
  }

  /** Files at or below `file` in the volume. */
  filesBelow(file: string): string[] {
    try {
      const stats = this.fs.lstatSync(file);
      if (!stats.isDirectory()) return [file];
      return (this.fs.readdirSync(file) as string[]).flatMap((name) => this.filesBelow(path.join(file, name)));
    } catch {
      return [];
    }
  }

  /** Descriptors opened read-only: Linux refuses writes through them. */
  private readonly readOnly = new Set<number>();

  opened(fd: number, file: string, writable = true): void {
    this.descriptors.set(fd, file);
    if (writable) this.readOnly.delete(fd);
    else this.readOnly.add(fd);
  }

  isWritable(fd: number): boolean {
    return !this.readOnly.has(fd);
  }

  exists(file: string): boolean {
    this.materialize(file);
    return this.has(file);
  }

  isFile(file: string): boolean {
    this.materialize(file);
    try {
      return this.fs.statSync(file).isFile();
    } catch {
      return false;
    }
  }

  linkLength(file: string): number {
    try {
      return Buffer.byteLength(String(this.fs.readlinkSync(file)));
    } catch {
      return 0;
    }
  }

  /** A file or directory the run just made: its mode less the umask, as the kernel gives it. */
  applyUmask(file: string, umask: number): void {
    try {
      const mode = Number(this.fs.statSync(file).mode) & 0o7777;
      this.fs.chmodSync(file, mode & ~umask);
    } catch {}
  }

  /** A write, truncate, chmod… through a descriptor changes the file it was opened on. */
  changedThroughFd(fd: number, metadata = false): void {
    const file = this.descriptors.get(fd);
    if (!file) return;
    this.touched.add(file);
    if (metadata) this.metadataChanged.add(this.realFile(file));
  }

  /** The run deleted `file` (and what is below it): the disk's copy must not show through again. */
  deleted(file: string): void {
    if (this.existedOnDisk(file)) this.whiteouts.add(file);
  }

  /** What the run created, changed or deleted: content by path, `null` for deleted. */
  changes(): Map<string, Buffer | null> {
    const changes = new Map<string, Buffer | null>();
    // A file changed through one hard link changed under all its names.
    const names = new Map<number, string[]>();
    for (const file of new Set([...this.preexisting, ...this.touched])) {
      try {
        const stats = this.fs.lstatSync(file);
        if (stats.isFile()) names.set(Number(stats.ino), [...(names.get(Number(stats.ino)) ?? []), file]);
      } catch {}
    }
    const touched = new Set(this.touched);
    for (const file of this.touched) {
      try {
        for (const name of names.get(Number(this.fs.statSync(file).ino)) ?? []) touched.add(name);
      } catch {}
    }
    for (const touchedFile of touched) {
      const touched = touchedFile;
      // Reported where the bytes are: a write through a symbolic link changed its target.
      const file = this.realFile(touched);
      let content: Buffer | undefined;
      try {
        if (this.fs.statSync(file).isFile()) content = this.fs.readFileSync(file) as Buffer;
      } catch {
        content = undefined;
      }
      const original = this.originals.get(file);
      if (content !== undefined && original?.equals(content) && !this.metadataChanged.has(file)) continue;
      if (content !== undefined) changes.set(file, content);
      else if (this.preexisting.has(file) && !this.isSymbolicLink(file)) changes.set(file, null);
    }
    return new Map([...changes].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  /** The path the volume stores `file` under, symbolic links (also of its directories) resolved. */
  realFile(file: string): string {
    try {
      return String(this.fs.realpathSync(file));
    } catch {
      try {
        return path.join(String(this.fs.realpathSync(path.dirname(file))), path.basename(file));
      } catch {
        return file;
      }
    }
  }
}
