import { isArchiveTarget, prepareArchiveTarget } from './archive.js';
import { RunAsMainUsageError } from './errors.js';
import { createDiskView } from './loader/disk-view.js';
import { withSeededFiles } from './loader/layered-fs.js';
import { normalizeOptions, type RunOptions } from './options.js';
import type { RunResult } from './result.js';
import { entryPath, executeRun, sourceFilename } from './run.js';

/**
 * Runs a script in-process as the main module of a fresh `node` process and returns everything
 * it did. Never throws for anything the script does (an error, an exit, a timeout are on the
 * result); throws at once for misuse (a missing target, an option of the wrong type).
 *
 * @example
 * const result = await runAsMain('bin/cli.js', { argv: ['--help'] });
 * expect(result.exitCode).toBe(0);
 *
 * It is isolation for tests, not a security sandbox: the script shares the host's realm.
 */
export async function runAsMain<T = Record<string, unknown>>(
  target: string | URL,
  options?: RunOptions,
): Promise<RunResult<T>> {
  const opts = normalizeOptions(options);
  if (isArchiveTarget(target)) target = await prepareArchiveTarget(target, opts);
  const fs = createDiskView();
  const path = entryPath(target, opts.cwd, withSeededFiles(fs, opts));
  return await executeRun<T>(opts, { path }, fs);
}

/**
 * Runs source text as if it were the file `filename` (relative to `cwd`): its imports resolve
 * from there, `__filename` and `import.meta.url` name it. The file need not exist.
 *
 * @example
 * const result = await runSource('console.log(process.argv[2])', { filename: 'demo.js', argv: ['hi'] });
 */
export async function runSource<T = Record<string, unknown>>(
  code: string,
  options: RunOptions & { filename: string | URL },
): Promise<RunResult<T>> {
  const opts = normalizeOptions(options);
  if (typeof code !== 'string') {
    throw new RunAsMainUsageError(`runSource needs the source as a string; received ${typeof code}.`);
  }
  const path = sourceFilename(options?.filename, opts.cwd);
  return await executeRun<T>(opts, { path, source: code });
}
