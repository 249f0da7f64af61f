import path from 'node:path';
import { RunAsMainUsageError } from './errors.js';
import { type ResolveFs, realFs } from './loader/resolve-fs.js';
import { toAbsolutePath } from './options.js';

/** What entry resolution reads: the disk by default, a run's view of its files (volume, `files`) instead. */
type EntryFiles = Pick<ResolveFs, 'kind' | 'readFile'>;

const INDEX_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];

interface PackageJson {
  name?: unknown;
  bin?: unknown;
  main?: unknown;
}

function readPackageJson(dir: string, fs: EntryFiles): PackageJson | undefined {
  const file = path.join(dir, 'package.json');
  if (fs.kind(file) !== 'file') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFile(file) ?? '');
  } catch (error) {
    throw new RunAsMainUsageError(
      `Cannot read ${file} to find the entry point of ${dir}: ${(error as Error).message}.`,
    );
  }
  return parsed !== null && typeof parsed === 'object' ? (parsed as PackageJson) : {};
}

/** The bin entry a user of the package would run: the only one, or the one named like the package. */
function binOf(pkg: PackageJson): { name: string; file: string } | undefined {
  const unscopedName = typeof pkg.name === 'string' ? pkg.name.replace(/^@[^/]+\//, '') : undefined;
  if (typeof pkg.bin === 'string' && pkg.bin !== '') return { name: unscopedName ?? 'bin', file: pkg.bin };
  if (pkg.bin === null || typeof pkg.bin !== 'object') return undefined;
  const entries = Object.entries(pkg.bin as Record<string, unknown>).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
  );
  if (entries.length === 1) return { name: entries[0]![0], file: entries[0]![1] };
  const named = entries.find(([name]) => name === unscopedName);
  return named && { name: named[0], file: named[1] };
}

/** Node's lookup for a package's `main`: the file, with .js/.json added, or the index of a directory. */
function mainCandidates(dir: string, main: string): string[] {
  const base = path.resolve(dir, main);
  return [base, `${base}.js`, `${base}.json`, path.join(base, 'index.js'), path.join(base, 'index.json')];
}

function resolveDirectory(dir: string, fs: EntryFiles): string {
  const pkg = readPackageJson(dir, fs);
  const lookedFor: string[] = [];

  if (pkg) {
    const bin = binOf(pkg);
    if (bin) {
      const file = path.resolve(dir, bin.file);
      if (fs.kind(file) !== 'file') {
        throw new RunAsMainUsageError(
          `The package in ${dir} declares the bin "${bin.name}" as ${JSON.stringify(bin.file)}, but ${file} does not exist.`,
        );
      }
      return file;
    }
    lookedFor.push(
      pkg.bin === undefined
        ? 'a package.json "bin"'
        : 'a package.json "bin" that is a single entry or one named like the package',
    );
    if (typeof pkg.main === 'string' && pkg.main !== '') {
      const found = mainCandidates(dir, pkg.main).find((file) => fs.kind(file) === 'file');
      if (found) return found;
      lookedFor.push(`its "main" ${JSON.stringify(pkg.main)}`);
    } else {
      lookedFor.push('a package.json "main"');
    }
  } else {
    lookedFor.push('a package.json with "bin" or "main"');
  }

  const indexFiles = INDEX_EXTENSIONS.map((extension) => `index${extension}`);
  const index = indexFiles.map((name) => path.join(dir, name)).find((file) => fs.kind(file) === 'file');
  if (index) return index;
  lookedFor.push(`index.{${INDEX_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`);

  throw new RunAsMainUsageError(
    `Cannot find an entry point in the directory ${dir}: looked for ${lookedFor.join(', then ')}.`,
  );
}

/**
 * The absolute path of the file to run for `target` (SPEC §3.1): a path relative to `cwd`, an
 * absolute path or a `file:` URL. A file is used as is — no extension is added. A directory runs
 * its package.json `bin` (a string, the only entry, or the entry named like the unscoped package
 * name), else its `main` (with Node's .js/.json/index.js lookup), else `index.{js,mjs,cjs,ts,mts,cts}`.
 * Symbolic links are followed to decide, but the path returned is not made real.
 *
 * @example resolveEntry('./cli', '/repo') // '/repo/cli/bin/cli.js' from cli/package.json "bin"
 * @throws RunAsMainUsageError when the target does not exist (naming the absolute path tried) or
 * a directory has no entry point (naming the directory and what was looked for).
 */
export function resolveEntry(target: string | URL, cwd: string, fs: EntryFiles = realFs): string {
  const absolute = toAbsolutePath('target', target, cwd);
  const kind = fs.kind(absolute);
  if (kind === 'file') return absolute;
  if (kind === 'directory') return resolveDirectory(absolute, fs);
  throw new RunAsMainUsageError(`Cannot find the script to run: ${absolute} does not exist.`);
}
