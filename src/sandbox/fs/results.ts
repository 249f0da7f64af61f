import path from 'node:path';
import type { RunState } from '../run-state.js';
import { opensForWriting, optionOf } from './call-kinds.js';
import { withClosedHandleErrors } from './node-wording.js';
import type { RunVolume } from './run-volume.js';

/** One call of a run's fs on its volume, as the fixes of its result see it. */
export class VolumeCall {
  constructor(
    /** As called: `mkdirSync`. */
    readonly name: string,
    /** As the volume got them: path arguments made absolute. */
    readonly args: unknown[],
    /** The first path argument as the script gave it. */
    readonly given: unknown,
    readonly volume: RunVolume,
    readonly run: RunState,
    /** `mkdir -p`: the first directory that did not exist before the call. */
    readonly firstCreated: string | undefined,
  ) {}

  get sync(): boolean {
    return this.name.endsWith('Sync');
  }
}

type ResultFix = (result: unknown, call: VolumeCall) => unknown;

/** Applies `fix` to a result, or to what its promise resolves to. */
function fixValue(result: unknown, fix: (value: unknown) => unknown): unknown {
  return result instanceof Promise ? result.then(fix) : fix(result);
}

/**
 * What memfs answers differently from Node, put right after the call, by the function's name
 * without `Sync`.
 */
export const RESULT_FIXES: Partial<Record<string, ResultFix>> = {
  // Node answers mkdir -p with the first directory it created, as the script spelled it
  // (relative to the cwd when the script gave a relative path).
  mkdir(result, { args, given, firstCreated, run, sync }) {
    if (firstCreated === undefined && !optionOf(args, 1, 'recursive')) return result;
    const relative = typeof given === 'string' && !path.isAbsolute(given);
    const answer = firstCreated === undefined ? undefined : relative ? path.relative(run.cwd, firstCreated) : firstCreated;
    return result instanceof Promise ? result.then(() => answer) : sync ? answer : result;
  },
  open(result, { name, args, volume }) {
    if (name === 'openSync' && typeof result === 'number' && typeof args[0] === 'string') {
      volume.opened(result, args[0], opensForWriting(args[1]));
    }
    return result instanceof Promise ? result.then(withClosedHandleErrors) : result;
  },
  // `fs.opendir('data/x').path` is the path as given.
  opendir(result, { given }) {
    if (typeof given !== 'string') return result;
    return fixValue(result, (dir) => {
      if (dir && typeof dir === 'object') Object.defineProperty(dir, 'path', { value: given, configurable: true });
      return dir;
    });
  },
  // `lstat` of a symbolic link: its size is the length of its target, as on Linux.
  lstat(result, { args, volume }) {
    const file = args[0];
    return fixValue(result, (stats) => {
      const s = stats as { isSymbolicLink?: () => boolean; size?: number } | undefined;
      if (typeof file === 'string' && s?.isSymbolicLink?.()) s.size = volume.linkLength(file);
      return stats;
    });
  },
  mkdtemp: (result, { given, args }) => relativeMkdtemp(given, args[0], result),
};

/**
 * `fs.mkdtemp(prefix)` answers with the prefix as given: the volume got it made absolute.
 */
export function relativeMkdtemp(original: unknown, absolute: unknown, result: unknown): unknown {
  if (typeof original !== 'string' || typeof absolute !== 'string' || original === absolute) return result;
  const fix = (made: unknown) => (typeof made === 'string' ? original + made.slice(absolute.length) : made);
  return result instanceof Promise ? result.then(fix) : fix(result);
}
