import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileFunction } from 'node:vm';
import { withSeededFiles } from '../loader/layered-fs.js';
import { realFs } from '../loader/resolve-fs.js';
import type { NormalizedOptions } from '../options.js';
import type { RunResult } from '../result.js';
import { isInside, regularFiles, treeChanges } from './tree-changes.js';

/** One temporary directory per run: `root/` (the mirrored tree) and `loader/` (the child's preload). */
export function makeWorkDir(): string {
  return realpathSync(mkdtempSync(path.join(tmpdir(), 'run-as-main-')));
}

export function removeWorkDir(dir: string): void {
  try {
    // After a timeout the killed processes may still be going away: retried.
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  } catch {
    // never hides the run's own result or error; the OS cleans its temporary directory
  }
}

/** A `files` key that makes an empty directory: `null` content, or a trailing `/`. */
const isEmptyDirectoryKey = (key: string, content: unknown): boolean => content === null || key.endsWith('/');

/** The paths `files` seeds, their parent directories included (absolute path → content, `null` for a directory). */
function seededEntries(files: Record<string, string | Uint8Array | null>, cwd: string): Map<string, Uint8Array | string | null> {
  const seeded = new Map<string, Uint8Array | string | null>();
  for (const [key, content] of Object.entries(files)) {
    const file = path.resolve(cwd, key);
    seeded.set(file, isEmptyDirectoryKey(key, content) ? null : content);
    for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      if (seeded.get(dir) === null) break;
      seeded.set(dir, null);
    }
  }
  return seeded;
}

/** What `os.tmpdir()` gives a child with this environment. */
function tmpdirFor(env: Record<string, string>): string {
  if (process.platform === 'win32') return tmpdir();
  const dir = env.TMPDIR || env.TMP || env.TEMP || '/tmp';
  return dir.length > 1 && dir.endsWith('/') ? dir.slice(0, -1) : dir;
}

export interface MaterializedTree {
  root: string;
  /** The child's cwd: the stand-in for the run's. */
  cwd: string;
  /** The entry the child runs: in the tree, or on disk when it lives outside cwd. */
  entry: string;
  entryMirrored: boolean;
  /** Node runs the entry as CommonJS (so its imports need no ES module hooks). */
  entryCommonJs: boolean;
  env: Record<string, string>;
  restorePaths(text: string): string;
  changes(): RunResult['files'];
}

/**
 * Writes `files` into `root`, which mirrors the absolute layout of the disk, with the entry (when
 * it lives under cwd) and its package.json; see runInNode.
 */
export function materializeTree(
  root: string,
  files: Record<string, string | Uint8Array | null>,
  options: NormalizedOptions,
  entry: string,
): MaterializedTree {
  const { cwd } = options;
  const toMirror = (file: string): string => {
    const { root: fsRoot } = path.parse(file);
    // C:\x → <root>\C\x on Windows; /x → <root>/x elsewhere
    return path.join(root, fsRoot.replace(/[:\\/]+/g, ''), file.slice(fsRoot.length));
  };
  const fromMirror = (file: string): string => {
    const relative = path.relative(root, file);
    if (process.platform !== 'win32') return `/${relative}`;
    const [drive = '', ...rest] = relative.split(path.sep);
    return `${drive}:\\${rest.join(path.sep)}`;
  };

  mkdirSync(toMirror(cwd), { recursive: true });
  const tmp = tmpdirFor(options.env);
  mkdirSync(toMirror(tmp), { recursive: true });
  for (const [key, content] of Object.entries(files)) {
    const file = toMirror(path.resolve(cwd, key));
    if (isEmptyDirectoryKey(key, content)) {
      mkdirSync(file, { recursive: true });
      continue;
    }
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content as string | Uint8Array);
  }

  const seeded = seededEntries(files, cwd);
  const view = withSeededFiles(realFs, { files, fs: 'memory', cwd });
  let entryMirrored = seeded.has(entry);
  if (!entryMirrored && isInside(cwd, entry)) {
    mkdirSync(path.dirname(toMirror(entry)), { recursive: true });
    copyFileSync(entry, toMirror(entry));
    entryMirrored = true;
  }
  let packageType: unknown;
  if (entryMirrored) {
    // The package scope decides the module type: its package.json comes along when on disk.
    for (let dir = path.dirname(entry); ; dir = path.dirname(dir)) {
      const manifest = path.join(dir, 'package.json');
      if (view.kind(manifest) === 'file') {
        if (!seeded.has(manifest)) {
          mkdirSync(path.dirname(toMirror(manifest)), { recursive: true });
          copyFileSync(manifest, toMirror(manifest));
        }
        try {
          packageType = (JSON.parse(view.readFile(manifest) ?? '') as { type?: unknown } | null)?.type;
        } catch {
          // node reports it
        }
        break;
      }
      if (dir === path.dirname(dir)) break;
    }
  }
  const baseline = regularFiles(root);

  // root is a real path already (makeWorkDir): the one spelling node shows of it.
  return {
    root,
    cwd: toMirror(cwd),
    entry: entryMirrored ? toMirror(entry) : entry,
    entryMirrored,
    entryCommonJs: entryMirrored && runsAsCommonJs(entry, packageType, () => view.readFile(entry) ?? ''),
    env: process.platform === 'win32' ? { TEMP: toMirror(tmp), TMP: toMirror(tmp) } : { TMPDIR: toMirror(tmp) },
    restorePaths(text) {
      const url = pathToFileURL(root).href;
      text = text.split(`${url}/`).join('file:///');
      if (process.platform === 'win32') {
        return text.replace(new RegExp(`${escapeRegExp(root)}\\\\([A-Za-z])(?=\\\\|\\b)`, 'g'), '$1:');
      }
      return text.split(`${root}/`).join('/').split(root).join('/');
    },
    changes: () => treeChanges(root, baseline, fromMirror, cwd),
  };
}

/**
 * Whether node runs `entry` as CommonJS: by its extension, its package's "type", and with no
 * "type" by whether it compiles as CommonJS (Node's syntax detection, roughly).
 */
function runsAsCommonJs(entry: string, packageType: unknown, source: () => string): boolean {
  const extension = path.extname(entry);
  if (extension === '.cjs') return true;
  if (extension !== '.js') return false;
  if (packageType === 'module' || packageType === 'commonjs') return packageType === 'commonjs';
  try {
    compileFunction(source(), ['exports', 'require', 'module', '__filename', '__dirname']);
    return true;
  } catch {
    return false;
  }
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
