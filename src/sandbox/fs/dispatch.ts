import { plainError } from '../../node-errors.js';
import { currentRun, type RunState } from '../run-state.js';
import { baseName, type Call, CHANGES, CREATES, FD_CHANGES, opensForWriting, optionOf, TWO_PATHS, toPath } from './call-kinds.js';
import { copyUp } from './copy-up.js';
import { asGiven, asSyscall, errorPaths, nodeRefusal, wrapErrors } from './node-wording.js';
import { RESULT_FIXES, relativeMkdtemp, VolumeCall } from './results.js';
import type { RunVolume } from './run-volume.js';
import { standardStream } from './standard-fds.js';
import { volumeOf } from './volume-of.js';

/** Where a function of the run's fs is on its volume (memfs's fs, or its promises API). */
export type MemoryLookup = (volume: RunVolume, name: string) => Call | undefined;

type StreamClass = new (file: unknown, options: unknown, owner: RunState) => unknown;

/** The run's `fs.ReadStream` and `fs.WriteStream`, which `createReadStream`/`createWriteStream` make. */
export interface RunStreamClasses {
  ReadStream: StreamClass;
  WriteStream: StreamClass;
}

/**
 * memfs completes asynchronous calls in a microtask; Node's fs completes them in a later turn of
 * the event loop (after process.nextTick callbacks and promise jobs), and they keep the process
 * alive until then. Completions are moved to an immediate, which does both.
 */
function callLikeIo(name: string, target: Call, volume: RunVolume, args: unknown[], onSuccess?: () => void): unknown {
  const last = args.length - 1;
  if (!name.endsWith('Sync') && !name.startsWith('watch') && !name.startsWith('unwatch') && typeof args[last] === 'function') {
    const callback = args[last] as Call;
    args[last] = (...results: unknown[]) => {
      if (!results[0]) onSuccess?.();
      setImmediate(() => callback(...results));
    };
    return target.apply(volume.fs, args);
  }
  const result = target.apply(volume.fs, args);
  if (result instanceof Promise) {
    return result.then(
      (value) => {
        onSuccess?.();
        return new Promise((resolve) => setImmediate(resolve, value));
      },
      (error) => new Promise((_, reject) => setImmediate(reject, error)),
    );
  }
  onSuccess?.();
  return result;
}

/** Remembers which file an asynchronous open gave a descriptor (or a FileHandle) for. */
function trackOpenedFd(name: string, args: unknown[], volume: RunVolume): void {
  const file = args[0];
  if (typeof file !== 'string' || name === 'openSync') return;
  const last = args.length - 1;
  if (typeof args[last] === 'function') {
    const callback = args[last] as Call;
    args[last] = (error: unknown, fd: unknown) => {
      if (!error && typeof fd === 'number') volume.opened(fd, file, opensForWriting(args[1]));
      callback(error, fd);
    };
  }
}

/** What a dropped call returns: nothing, a callback without error, or a settled promise. */
function dropped(name: string, args: unknown[]): unknown {
  const callback = args[args.length - 1];
  if (typeof callback === 'function' && !name.endsWith('Sync')) setImmediate(callback as Call, null);
  return name.endsWith('Sync') || typeof callback === 'function' ? undefined : Promise.resolve();
}

/**
 * One function of a run's `fs`: dispatches on the current run, or, called outside any run (a
 * script's function the test calls later, a callback after the run ended), on the run whose
 * module it is. It never falls back to the disk for a run that has a volume.
 */
export function dispatcher(name: string, real: Call, memory: MemoryLookup, streams: RunStreamClasses, owner?: RunState): Call {
  const base = baseName(name);
  const dispatch = function (this: unknown, ...args: unknown[]) {
    const run = currentRun.getStore() ?? owner;
    if (!run) return real.apply(this, args);
    const std = standardStream(name, args, run);
    if (std) return std.value;
    const volume = volumeOf(run);
    if (!volume) {
      // 'real': Node's fs, relative to the run's cwd (both paths of two-path functions; of
      // symlink(target, path) only the link's own).
      const given = args[0];
      if (args.length > 0 && typeof args[0] !== 'number' && base !== 'symlink') args[0] = toPath(run, args[0]);
      if (TWO_PATHS.has(base) || base === 'symlink') args[1] = toPath(run, args[1]);
      const answer = real.apply(this, args);
      return base === 'mkdtemp' ? relativeMkdtemp(given, args[0], answer) : answer;
    }
    // After process.exit the run is inert: its own late callbacks change nothing (SPEC §3.6). A
    // test calling the script's functions afterwards works on the volume as before.
    if (run.ended && currentRun.getStore() === run && CHANGES.has(base)) return dropped(name, args);
    let target = memory(volume, name);
    if (name === 'createReadStream' || name === 'createWriteStream') {
      // Node's own stream classes over this run's fs: Node's events and buffering, the volume's bytes.
      const Stream = name === 'createReadStream' ? streams.ReadStream : streams.WriteStream;
      return new Stream(args[0], args[1], run);
    }
    if (!target) {
      throw plainError(`ENOSYS: function not implemented by the in-memory filesystem, ${name}`, { code: 'ENOSYS', syscall: name });
    }
    const original = args[0];
    const given = [args[0], args[1]];
    const onSuccess = copyUp(name, args, volume, run);
    const paths = errorPaths(given, args);
    if (base === 'rm' && typeof args[0] === 'string' && volume.isSymbolicLink(args[0])) {
      // memfs follows a link it is asked to remove; Node removes the link.
      target = memory(volume, name.replace(/^rm/, 'unlink')) ?? target;
    }
    if (FD_CHANGES.has(base) && typeof args[0] === 'number') volume.changedThroughFd(args[0], base.startsWith('f'));
    if (base === 'open') trackOpenedFd(name, args, volume);
    const created = CREATES.has(base) && typeof args[0] === 'string' && !volume.exists(args[0]) ? args[0] : undefined;
    const lastArg = args.length - 1;
    if (created && !name.endsWith('Sync') && typeof args[lastArg] === 'function') {
      const callback = args[lastArg] as Call;
      args[lastArg] = (error: unknown, ...rest: unknown[]) => {
        if (!error) volume.applyUmask(created, process.umask());
        return callback(error, ...rest);
      };
    }
    const refusal = nodeRefusal(base, args, volume);
    if (refusal) {
      const shown = asGiven(refusal, paths);
      if (name.endsWith('Sync')) throw shown;
      const callback = args[args.length - 1];
      if (typeof callback === 'function') {
        setImmediate(callback as Call, shown);
        return undefined;
      }
      return Promise.reject(shown);
    }
    const firstCreated = base === 'mkdir' && optionOf(args, 1, 'recursive') ? volume.firstMissing(args[0]) : undefined;
    // Errors as Node words them: the paths as given, and the syscall Node names.
    const shown = (error: unknown) => asSyscall(name, asGiven(error, paths), args[0], given[0]);
    wrapErrors(name, args, shown);
    let result: unknown;
    try {
      result = callLikeIo(name, target, volume, args, onSuccess);
    } catch (error) {
      throw shown(error);
    }
    if (result instanceof Promise) result = result.catch((error) => Promise.reject(shown(error)));
    const fix = RESULT_FIXES[base];
    if (fix) result = fix(result, new VolumeCall(name, args, original, volume, run, firstCreated));
    if (created) {
      // New files and directories get their mode less the umask, as the kernel does.
      const applyUmask = () => volume.applyUmask(created, process.umask());
      if (result instanceof Promise) {
        result = result.then((value) => {
          applyUmask();
          return value;
        });
      } else if (name.endsWith('Sync')) applyUmask();
    }
    return result;
  };
  for (const key of Object.keys(real)) (dispatch as unknown as Record<string, unknown>)[key] = (real as unknown as Record<string, unknown>)[key];
  if (base === 'realpath') {
    // realpath.native must not reach past the volume either.
    const native = (real as unknown as { native?: Call }).native;
    if (native) (dispatch as unknown as { native: Call }).native = dispatcher(name, native, memory, streams, owner);
  }
  Object.defineProperties(dispatch, { name: { value: real.name }, length: { value: real.length } });
  return dispatch;
}
