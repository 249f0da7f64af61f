import { statSync } from 'node:fs';
import path from 'node:path';
import { isArchiveTarget, prepareArchiveTarget } from '../archive.js';
import { RunAsMainUsageError } from '../errors.js';
import { withSeededFiles } from '../loader/layered-fs.js';
import { realFs } from '../loader/resolve-fs.js';
import { needsTransform } from '../loader/transform-ts.js';
import { type NormalizedOptions, normalizeOptions, type RunOptions } from '../options.js';
import type { RunResult } from '../result.js';
import { setRunLocation } from '../result-location.js';
import { resolveEntry } from '../target.js';
import { hideLoaderPaths, writeLoader } from './child-loader.js';
import { makeWorkDir, materializeTree, removeWorkDir } from './mirrored-tree.js';
import { spawnNode } from './spawn-node.js';

/**
 * Runs `target` in a real `node` (`process.execPath`) child process — the parity oracle that
 * `runAsMain` is compared with (SPEC §2): the same entry file (`resolveEntry`), argv, env (merged
 * as `normalizeOptions` merges it), cwd and stdin; killed with SIGKILL and exit code 124 at
 * `timeout`. TypeScript (and JSX) targets run as the JavaScript of the same oxc transform, through
 * module hooks registered in the child; their stack traces point at the .ts lines.
 *
 * With `files`, the child runs in a fresh temporary directory that stands in for the disk under
 * the run's cwd, and never writes to the real one through paths relative to its cwd:
 * - The temporary directory mirrors the absolute layout (`<tmp>/root/work/app` stands for
 *   `/work/app`), so `..` from cwd stays inside it; every `files` entry is written there at its
 *   place (relative to cwd; `null` or a trailing `/` makes an empty directory), and the child's
 *   cwd is the stand-in for cwd. `os.tmpdir()` (through `TMPDIR`) is a mirrored, empty directory.
 * - The entry is looked up in `files` first, then on disk, as the in-process run does. An entry
 *   among `files` runs from the temporary tree. An entry on disk *under cwd* is copied into it at
 *   its place, so the tree the script sees around it is the one `files` describes (reads and
 *   writes relative to its `__dirname`, `path.relative(process.cwd(), __filename)`), together with
 *   its package scope's package.json (its module type, `imports` and version stay the same). What
 *   such an entry imports that is not in the temporary tree (its sibling modules, node_modules)
 *   resolves from its place on disk, as the in-process loader falls back to the disk (through a
 *   `--require` preload and module hooks, which `process.execArgv` shows); to read other data
 *   files of its package, put them in `files`. An entry *outside* cwd (a CLI run against a
 *   fixture directory) runs where it is, with its package as it is; only its cwd is the
 *   stand-in, so a path between the two (`path.relative(process.cwd(), __dirname)`) is not the
 *   in-process one.
 * - Paths of the temporary tree in stdout, stderr and output are written as the paths they stand
 *   for. `result.files` is the tree's difference from the seeded one: regular files created or
 *   changed (a new inode, ctime or content) as UTF-8 strings or Buffers, deleted ones as `null`;
 *   keys POSIX-relative to cwd inside it, absolute outside. Directories and symbolic links are
 *   not listed, as in-process. The temporary directory is removed afterwards, after a timeout too.
 * - Absolute paths the script spells out itself, and what modules loaded from disk write next to
 *   themselves, still reach the real disk: this is an oracle, not a sandbox.
 * - An archive target (archive.ts) is unpacked into the temporary tree at
 *   `<cwd>/node_modules/<name>/`, as in-process. What it lacks resolves from disk like any module
 *   of the tree: a copy of the package installed on disk at that place would show through, where
 *   in-process it does not.
 *
 * It does NOT give a namespace or exports (always `{}`), an `error` object, a traceback, pending
 * resources or `fs`. Options a real process cannot reproduce are misuse: non-empty `initGlobals`
 * or `mocks`, `modules: 'shared'`, a `runName` other than `'main'`, `tty`, and `files` with
 * `fs: 'real'` (they would have to be written to the real disk).
 *
 * @example
 * const node = await runInNode('bin/cli.js', { argv: ['--help'] });
 * const inProcess = await runAsMain('bin/cli.js', { argv: ['--help'] });
 * expect(inProcess.stdout).toBe(node.stdout);
 */
export async function runInNode(target: string | URL, options?: RunOptions): Promise<RunResult> {
  const normalized = normalizeOptions(options);
  assertReproducible(normalized);
  // An archive runs from the temporary tree, unpacked there as in-process (archive.ts).
  if (isArchiveTarget(target)) target = await prepareArchiveTarget(target, normalized);
  const { files } = normalized;
  if (files === undefined && statSync(normalized.cwd, { throwIfNoEntry: false })?.isDirectory() !== true) {
    throw new RunAsMainUsageError(
      `Option \`cwd\` must be an existing directory for runInNode; ${normalized.cwd} is not one.`,
    );
  }
  const entry = resolveEntry(target, normalized.cwd, withSeededFiles(realFs, normalized));
  const typescript = needsTransform(entry);
  const workDir = files || typescript ? makeWorkDir() : undefined;
  try {
    const tree = files && workDir ? materializeTree(path.join(workDir, 'root'), files, normalized, entry) : undefined;
    const loaderDir = workDir && (typescript || tree?.entryMirrored) ? path.join(workDir, 'loader') : undefined;
    const nodeArgs = loaderDir ? writeLoader(loaderDir, typescript, tree?.root, tree?.entryCommonJs === true) : [];
    const env = tree ? { ...normalized.env, ...tree.env } : normalized.env;
    const result = await spawnNode([...nodeArgs, tree?.entry ?? entry, ...normalized.argv], {
      ...normalized,
      cwd: tree?.cwd ?? normalized.cwd,
      env,
    });
    const restore = (text: string): string => {
      const shown = loaderDir ? hideLoaderPaths(text, loaderDir) : text;
      return tree ? tree.restorePaths(shown) : shown;
    };
    result.stdout = restore(result.stdout);
    result.stderr = restore(result.stderr);
    result.output = restore(result.output);
    if (tree) result.files = tree.changes();
    setRunLocation(result, normalized.cwd, entry);
    return result;
  } finally {
    if (workDir) removeWorkDir(workDir);
  }
}

function assertReproducible(options: NormalizedOptions): void {
  const refuse = (option: string, why: string): never => {
    throw new RunAsMainUsageError(
      `runInNode cannot reproduce the option \`${option}\` in a real node process: ${why}. Drop it from the options passed to runInNode, or compare with runAsMain alone.`,
    );
  };
  if (Object.keys(options.initGlobals).length > 0) refuse('initGlobals', 'a node process has no way to inject free variables into its main script');
  if (options.mocks.size > 0) refuse('mocks', 'a node process loads the real modules');
  if (options.modules === 'shared') refuse('modules', "a fresh node process evaluates every module anew, as `modules: 'fresh'` does");
  if (options.runName !== 'main') refuse('runName', `node always runs its script as the main module, not as ${JSON.stringify(options.runName)}`);
  if (options.tty) refuse('tty', "the child's stdout and stderr are pipes, not terminals");
  if (options.files !== undefined && options.fs === 'real') {
    refuse('files', "with `fs: 'real'` they would have to be written to the real disk, which runInNode never does");
  }
}

