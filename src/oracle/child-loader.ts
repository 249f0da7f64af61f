import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TYPESCRIPT_OPTIONS } from '../loader/transform-ts.js';
import type { ChildConfig } from './child/hooks.mjs';

/**
 * The child's preloads and module hooks: `child/` beside this module, which is src/oracle/child/
 * in the source and dist/child/ beside the built library (tsup.config.ts).
 */
const CHILD_DIR = path.dirname(fileURLToPath(new URL('./child/hooks.mjs', import.meta.url)));

/**
 * Writes the run's preload into `dir` and returns the node arguments that load it: for a
 * TypeScript entry `--import` of one that starts child/register-typescript.mjs (the transform,
 * source maps, and the disk fallback of a mirrored tree); for a JavaScript entry running from the
 * mirrored tree at `mirror`, only the fallback of its imports to the disk, as `--require` of one
 * that starts child/register-mirror.mjs — a preload that, unlike `--import`, leaves a CommonJS
 * entry run as plain `node` runs it (its process.nextTick callbacks before its promise jobs).
 * The run's settings are written into that file rather than passed in the environment, where
 * the script would see them; what the script starts with node's arguments (worker threads,
 * `child_process.fork`) loads the same preload.
 */
export function writeLoader(dir: string, typescript: boolean, mirror: string | undefined, commonJsEntry: boolean): string[] {
  const config: ChildConfig = { typescript, mirror: mirror ?? null, esmHooks: !commonJsEntry, options: TYPESCRIPT_OPTIONS };
  const preload = pathToFileURL(path.join(CHILD_DIR, typescript ? 'register-typescript.mjs' : 'register-mirror.mjs')).href;
  const file = path.join(dir, 'register.mjs');
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, `import { start } from ${JSON.stringify(preload)};\nstart(${JSON.stringify(config)});\n`);
  return typescript ? ['--import', pathToFileURL(file).href] : ['--require', file];
}

/**
 * Stack frames in the loader's files are run-as-main's own, which the in-process traceback drops
 * too; any other mention of their directories is replaced by a stable name.
 */
export function hideLoaderPaths(text: string, loaderDir: string): string {
  const spellings = [...new Set([loaderDir, realpathOrSelf(loaderDir), CHILD_DIR, realpathOrSelf(CHILD_DIR)])].flatMap((dir) => [
    pathToFileURL(dir).href,
    dir,
  ]);
  const kept: string[] = [];
  for (const line of text.split('\n')) {
    const frame = /^(\s+at .*?\)?)((?: \{|,)?)$/.exec(line);
    if (!frame || !spellings.some((spelling) => line.includes(spelling))) kept.push(line);
    // what followed the frame (the ` {` opening the error's own properties) stays, on the line before
    else if (frame[2] && kept.length > 0) kept[kept.length - 1] += frame[2];
  }
  let result = kept.join('\n');
  for (const spelling of spellings) result = result.split(spelling).join('<run-as-main loader>');
  return result;
}

function realpathOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}
