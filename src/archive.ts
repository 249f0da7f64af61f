import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ArchiveEntry } from './archive-formats.js';
import { RunAsMainUsageError } from './errors.js';
import { type NormalizedOptions, toAbsolutePath } from './options.js';
import { currentRun } from './sandbox/run-state.js';
import { resolveEntry } from './target.js';

/**
 * Archive targets (SPEC §3.1): a `.tgz` made by `npm pack` (any gzip-compressed tar, or a plain
 * `.tar`), or a `.zip` holding a package. The archive is unpacked into the run's files — never
 * onto the disk — at `<cwd>/node_modules/<name>/`, where installing it would put it, so that its
 * dependencies resolve from cwd's node_modules as an installed package's do, and it is run as
 * its users run it: its bin, else its main, else its index (target.ts).
 *
 * Gzip is Node's zlib; tar and zip are read by their libraries in archive-formats.ts, loaded on
 * the first archive a process runs.
 */

/** A target named like an archive. Whether it is one is decided by its first bytes. */
const ARCHIVE_NAME = /\.(?:tgz|tar\.gz|tar|zip)$/i;

export function isArchiveTarget(target: unknown): boolean {
  if (typeof target === 'string') return ARCHIVE_NAME.test(target);
  return target instanceof URL && target.protocol === 'file:' && ARCHIVE_NAME.test(target.pathname);
}

/** What the run gets from an archive: its files (absolute paths) and the entry to run. */
export interface UnpackedArchive {
  archive: string;
  packageDir: string;
  /** Absolute path → content; a key ending in `/` (value null) is a directory. */
  files: Record<string, Uint8Array | null>;
  entry: string;
}

function misuse(archive: string, message: string): never {
  throw new RunAsMainUsageError(`The archive ${archive} ${message}`);
}

/** The archive's bytes: from `files` when seeded there, else from disk; undefined when not a file. */
function archiveBytes(archive: string, opts: NormalizedOptions): Uint8Array | undefined {
  for (const [key, content] of Object.entries(opts.files ?? {})) {
    if (path.resolve(opts.cwd, key) !== archive) continue;
    return content === null || key.endsWith('/') ? undefined : typeof content === 'string' ? Buffer.from(content) : content;
  }
  if (statSync(archive, { throwIfNoEntry: false })?.isFile() !== true) return undefined;
  return readFileSync(archive);
}

const GZIP = [0x1f, 0x8b];
const ZIP = [0x50, 0x4b];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

/** A tar has "ustar" at 257 (POSIX and GNU tar, npm pack's node-tar). */
function isTar(bytes: Uint8Array): boolean {
  return bytes.length >= 512 && Buffer.from(bytes.subarray(257, 262)).toString('latin1') === 'ustar';
}

function escapes(archive: string, name: string): never {
  misuse(archive, `holds an entry that escapes its root: ${JSON.stringify(name)}. Nothing is unpacked outside the package directory.`);
}

async function readEntries(archive: string, bytes: Uint8Array): Promise<ArchiveEntry[]> {
  const expected = 'expected a .tgz made by npm pack, a .tar or a .zip holding a package';
  let tar = bytes;
  try {
    const formats = await import('./archive-formats.js');
    if (startsWith(bytes, ZIP)) return await formats.readZip(bytes);
    if (startsWith(bytes, GZIP)) tar = gunzipSync(bytes);
    if (!isTar(tar)) {
      const first = Buffer.from(bytes.subarray(0, 4)).toString('hex').replace(/(..)(?=.)/g, '$1 ');
      throw new Error(`${startsWith(bytes, GZIP) ? 'its gzip content is not a tar' : `it is neither gzip, tar nor zip (it starts with ${first || 'nothing'})`}`);
    }
    return await formats.readTar(tar);
  } catch (error) {
    if (error instanceof Error && 'entryName' in error) escapes(archive, String(error.entryName));
    misuse(archive, `cannot be unpacked: ${(error as Error).message.replace(/\.$/, '')} (${expected}).`);
  }
}

/** An entry's path inside the archive, checked to stay there; '' for the archive's root itself. */
function entryPathOf(archive: string, name: string): string {
  const parts = name.split(/[\\/]+/);
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name) || parts.includes('..')) escapes(archive, name);
  return parts.filter((part) => part !== '' && part !== '.').join('/');
}

/** An npm package name (scoped or not): one directory, or two for a scope, below node_modules. */
const PACKAGE_NAME = /^(?:@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/i;

/** Where the package lives: the archive's root, or its single top folder (npm pack's `package/`). */
function packageRootOf(archive: string, files: Map<string, ArchiveEntry>): string {
  if (files.has('package.json')) return '';
  const tops = new Set([...files.keys()].map((name) => name.split('/')[0]!));
  const [top] = tops;
  if (tops.size === 1 && files.has(`${top}/package.json`)) return `${top}/`;
  const listed = [...tops].sort().slice(0, 5).join(', ');
  misuse(
    archive,
    `holds no package.json at its root or in a single top folder (${tops.size === 0 ? 'it is empty' : `its top level: ${listed}${tops.size > 5 ? ', …' : ''}`}): it must hold a package, as npm pack makes one.`,
  );
}

/** The unpacked package's files only, for entry resolution: an entry missing from the archive is missing. */
class ArchiveEntryFiles {
  constructor(private readonly files: Record<string, Uint8Array | null>) {}

  kind(file: string): 'file' | 'directory' | undefined {
    if (Object.hasOwn(this.files, `${file}/`)) return 'directory';
    return this.files[file] ? 'file' : undefined;
  }

  readFile(file: string): string | undefined {
    const content = this.files[file];
    return content ? Buffer.from(content).toString() : undefined;
  }
}

/**
 * Unpacks the archive `target` names (relative to cwd, absolute or a file: URL; in `files` or on
 * disk) for a run: its package's files at `<cwd>/node_modules/<name>/` and the entry to run.
 * Undefined when the target is not a file (resolveEntry then says what it is).
 *
 * @throws RunAsMainUsageError naming the archive: `fs: 'real'` (there is no volume), a corrupt
 * archive, one with no package.json, an entry escaping its root, a link or special file, a
 * package.json that does not parse or names no package, a package with no entry point, `files`
 * inside the package directory.
 */
export async function unpackArchive(target: string | URL, opts: NormalizedOptions): Promise<UnpackedArchive | undefined> {
  const archive = toAbsolutePath('target', target, opts.cwd);
  const bytes = archiveBytes(archive, opts);
  if (bytes === undefined) return undefined;
  if (opts.fs === 'real') {
    misuse(archive, "is unpacked into the run's in-memory volume, which `fs: 'real'` does not have: use fs 'memory' (the default) or 'overlay'.");
  }

  const byPath = new Map<string, ArchiveEntry>();
  for (const entry of await readEntries(archive, bytes)) {
    const name = entryPathOf(archive, entry.name);
    // The archive's root itself, and the resource forks macOS adds to the zips it makes.
    if (name === '' || name === '__MACOSX' || name.startsWith('__MACOSX/')) continue;
    if (entry.kind === 'link') {
      misuse(archive, `holds a link, ${name} → ${entry.detail}: links are not unpacked (npm pack writes none); pack the file itself.`);
    }
    if (entry.kind === 'other') misuse(archive, `holds ${name}, which is not a file or a directory (${entry.detail}).`);
    byPath.set(name, entry);
  }
  const root = packageRootOf(archive, byPath);

  let manifest: unknown;
  try {
    manifest = JSON.parse(Buffer.from(byPath.get(`${root}package.json`)!.data ?? new Uint8Array()).toString());
  } catch (error) {
    misuse(archive, `holds a package.json that does not parse: ${(error as Error).message}.`);
  }
  const declared = manifest !== null && typeof manifest === 'object' ? (manifest as { name?: unknown }).name : undefined;
  const name = declared ?? path.basename(archive).replace(ARCHIVE_NAME, '');
  if (typeof name !== 'string' || !PACKAGE_NAME.test(name)) {
    misuse(
      archive,
      `holds a package.json whose "name" is ${JSON.stringify(name)}, not a package name: the package is unpacked to node_modules/<name> below cwd.`,
    );
  }

  const packageDir = path.join(opts.cwd, 'node_modules', ...name.split('/'));
  for (const key of Object.keys(opts.files ?? {})) {
    const file = path.resolve(opts.cwd, key);
    if (file === packageDir || file.startsWith(`${packageDir}${path.sep}`)) {
      throw new RunAsMainUsageError(
        `Option \`files\` has ${JSON.stringify(key)}, inside ${packageDir}, where the archive ${archive} is unpacked: the archive's package replaces that directory.`,
      );
    }
  }

  const files: Record<string, Uint8Array | null> = { [`${packageDir}/`]: null };
  for (const [entryName, entry] of byPath) {
    if (!entryName.startsWith(root)) continue;
    const file = path.join(packageDir, ...entryName.slice(root.length).split('/'));
    if (entry.kind === 'directory') files[`${file}/`] = null;
    else {
      files[file] = entry.data ?? new Uint8Array();
      // A zip or tar may list a file without its directories.
      for (let dir = path.dirname(file); dir.startsWith(packageDir) && !Object.hasOwn(files, `${dir}/`); dir = path.dirname(dir)) {
        files[`${dir}/`] = null;
      }
    }
  }

  let entry: string;
  try {
    entry = resolveEntry(packageDir, opts.cwd, new ArchiveEntryFiles(files));
  } catch (error) {
    misuse(archive, `cannot be run: ${(error as Error).message}`);
  }
  return { archive, packageDir, files, entry };
}

/**
 * For a run of an archive target: its package's files added to `opts.files` (the run's volume),
 * the package directory recorded (the disk beneath it is hidden, its modules never shared), and
 * the entry file returned. Any other target is returned as it is.
 */
export async function prepareArchiveTarget(target: string | URL, opts: NormalizedOptions): Promise<string | URL> {
  // Called by a script of a run: unpacking is that run's work, which holds it as a run it starts
  // does (run.ts), or the run would end meanwhile (its first archive awaits a module's loading).
  const parent = currentRun.getStore();
  if (parent) parent.nestedRuns++;
  let unpacked: UnpackedArchive | undefined;
  try {
    unpacked = await unpackArchive(target, opts);
  } finally {
    if (parent) {
      parent.nestedRuns--;
      parent.onActivity();
    }
  }
  if (!unpacked) return target;
  opts.files = { ...opts.files, ...unpacked.files };
  opts.archiveRoot = unpacked.packageDir;
  return unpacked.entry;
}
