import realFs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chunkToString } from './output.js';
import { currentRun, type RunState } from './run-state.js';
import { RunSlot } from './run-slot.js';
import { type RunVolume, volumeOf } from './run-volume.js';
import { plainError, systemError } from '../node-errors.js';
import { NODE_MAJOR } from '../node-version.js';

/**
 * The `fs` and `fs/promises` modules every run sees (SPEC §5). One object for all runs,
 * dispatching on the current run:
 * - fds 0, 1 and 2 are the run's stdin, stdout and stderr (`fs.readFileSync(0)`, `/dev/stdin`,
 *   `fs.writeSync(1, …)`);
 * - in 'memory' and 'overlay' every call goes to the run's volume (run-volume.ts), never to disk;
 * - in 'real' calls go to Node's fs, with relative paths resolved against the run's cwd.
 * Outside runs it is the real `fs`.
 */

type Call = (...args: unknown[]) => unknown;

function toPath(run: RunState, target: unknown): unknown {
  if (target instanceof URL) return target.protocol === 'file:' ? fileURLToPath(target) : target;
  if (Buffer.isBuffer(target)) target = target.toString();
  if (typeof target !== 'string') return target;
  return path.isAbsolute(target) ? path.normalize(target) : path.resolve(run.cwd, target);
}

/** Whether open flags (`'w'`, `'a+'`, `O_WRONLY | O_CREAT`…) can change the file. */
function opensForWriting(flags: unknown): boolean {
  if (flags === undefined || flags === null) return false;
  if (typeof flags === 'number') return (flags & (realFs.constants.O_WRONLY | realFs.constants.O_RDWR)) !== 0;
  return typeof flags === 'string' && /[wa+]/.test(flags);
}

function optionOf(args: unknown[], index: number, key: string): unknown {
  const options = args[index];
  return options !== null && typeof options === 'object' ? (options as Record<string, unknown>)[key] : undefined;
}

/** Functions by what they do to their path arguments. */
const READ = new Set(['access', 'exists', 'lstat', 'stat', 'readFile', 'readlink', 'realpath', 'createReadStream',
  'watch', 'watchFile', 'unwatchFile', 'statfs', 'openAsBlob']);
const LIST = new Set(['readdir', 'opendir', 'glob']);
const WRITE = new Set(['appendFile', 'writeFile', 'truncate', 'chmod', 'chown', 'lchmod', 'lchown', 'utimes',
  'lutimes', 'createWriteStream']);
const CREATE_DIRECTORY = new Set(['mkdir', 'mkdtemp']);
const DELETE = new Set(['unlink', 'rmdir', 'rm']);
const TWO_PATHS = new Set(['rename', 'copyFile', 'cp', 'link']);

/**
 * Brings what a call will touch into the volume (copy-up), and notes what it changes. Paths are
 * made absolute here, since memfs would resolve them against the host's cwd.
 */
function prepare(name: string, args: unknown[], volume: RunVolume, run: RunState): (() => void) | undefined {
  const base = name.replace(/Sync$/, '');
  if (READ.has(base) || LIST.has(base) || WRITE.has(base) || CREATE_DIRECTORY.has(base) || DELETE.has(base) || base === 'open') {
    args[0] = toPath(run, args[0]);
    const file = args[0];
    if (typeof file !== 'string') return undefined;
    if (READ.has(base)) volume.materialize(file);
    else if (LIST.has(base)) {
      if (optionOf(args, 1, 'recursive')) volume.materializeTree(file);
      else volume.list(file);
    } else if (CREATE_DIRECTORY.has(base)) volume.prepareWrite(file);
    else if (DELETE.has(base)) {
      // A directory's entries on disk must be there for rmdir to see it is not empty.
      if (optionOf(args, 1, 'recursive')) volume.materializeTree(file);
      else volume.list(file);
      const gone = volume.filesBelow(file);
      // Only once it worked: a failed delete changes nothing.
      return () => {
        for (const below of gone) volume.touched.add(below);
        volume.deleted(file);
      };
    } else if (base === 'open' && !opensForWriting(args[1])) volume.materialize(file);
    else if (base === 'open') {
      volume.prepareWrite(file);
      return () => volume.touched.add(file);
    } else {
      volume.prepareWrite(file);
      // lchmod/lchown/lutimes change a link, not the file it points to (no file changes).
      if (!base.startsWith('l')) volume.touched.add(file);
      if (base === 'chmod' || base === 'chown' || base === 'utimes') volume.metadataChanged.add(volume.realFile(file));
    }
    return undefined;
  }
  if (TWO_PATHS.has(base)) {
    const from = (args[0] = toPath(run, args[0]));
    const to = (args[1] = toPath(run, args[1]));
    if (typeof from !== 'string' || typeof to !== 'string') return undefined;
    volume.materializeTree(from);
    volume.prepareWrite(to);
    const moved = volume.filesBelow(from);
    return () => {
      for (const file of moved) {
        volume.touched.add(path.join(to, path.relative(from, file)));
        if (base === 'rename') volume.touched.add(file);
      }
      if (base === 'rename') volume.deleted(from);
    };
  }
  if (base === 'symlink') {
    args[1] = toPath(run, args[1]);
    if (typeof args[1] === 'string') volume.prepareWrite(args[1]);
  }
  return undefined;
}

/** How much of the run's stdin has been consumed through fd 0. */
const stdinOffsets = new RunSlot<number>();

function readStdin(run: RunState): Buffer {
  const offset = stdinOffsets.get(run) ?? 0;
  stdinOffsets.set(run, run.options.stdin.length);
  return run.options.stdin.subarray(offset);
}

function decode(buffer: Buffer, options: unknown): string | Buffer {
  const encoding = typeof options === 'string' ? options : (options as { encoding?: string } | undefined)?.encoding;
  return encoding ? buffer.toString(encoding as BufferEncoding) : buffer;
}

function outputStream(fd: unknown): 'stdout' | 'stderr' | undefined {
  return fd === 1 ? 'stdout' : fd === 2 ? 'stderr' : undefined;
}

/** The run's standard streams behind fds 0, 1 and 2: undefined when the call is not about them. */
function standardStream(name: string, args: unknown[], run: RunState): { value: unknown } | undefined {
  if (name === 'readFileSync' && (args[0] === 0 || args[0] === '/dev/stdin')) {
    return { value: decode(readStdin(run), args[1]) };
  }
  if (name === 'readSync' && args[0] === 0 && args[1] instanceof Uint8Array) {
    // fs.readSync(0, buffer, …): the rest of the run's stdin, as much as fits (offset/length honoured).
    const buffer = args[1];
    const offset = typeof args[2] === 'number' ? args[2] : ((args[2] as { offset?: number } | undefined)?.offset ?? 0);
    const length = typeof args[3] === 'number' ? args[3] : buffer.byteLength - offset;
    const consumed = stdinOffsets.get(run) ?? 0;
    const chunk = run.options.stdin.subarray(consumed, consumed + length);
    buffer.set(chunk, offset);
    stdinOffsets.set(run, consumed + chunk.length);
    return { value: chunk.length };
  }
  const stream = outputStream(args[0]);
  if (!stream || (name !== 'writeSync' && name !== 'write')) return undefined;
  const text = typeof args[1] === 'string' ? args[1] : chunkToString(args[1]);
  run.output.write(stream, text);
  if (name === 'write') {
    const callback = args.findLast((arg) => typeof arg === 'function') as Call | undefined;
    if (callback) process.nextTick(callback, null, Buffer.byteLength(text), args[1]);
    return { value: undefined };
  }
  return { value: Buffer.byteLength(text) };
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

/** Calls that change the filesystem: dropped once the run has exited (SPEC §3.6). */
const CHANGES = new Set([...WRITE, ...CREATE_DIRECTORY, ...DELETE, ...TWO_PATHS, 'symlink', 'write', 'writev',
  'ftruncate', 'fchmod', 'fchown', 'futimes', 'fsync', 'fdatasync']);

/**
 * The volume is given absolute paths; Node's errors name a path as the script gave it
 * (`ENOENT: no such file or directory, open 'data/x.txt'`). Absolute → given, for the path
 * arguments that were relative.
 */
function errorPaths(given: unknown[], args: unknown[]): Map<string, string> | undefined {
  let paths: Map<string, string> | undefined;
  for (let i = 0; i < 2; i++) {
    if (typeof given[i] === 'string' && typeof args[i] === 'string') {
      paths ??= new Map();
      paths.set(args[i] as string, given[i] as string);
    }
  }
  return paths;
}

function asGiven(error: unknown, paths: Map<string, string> | undefined): unknown {
  if (!paths || !(error instanceof Error)) return error;
  const fields = error as Error & { path?: string; dest?: string };
  // memfs sometimes names the parent it stopped at; Node names the path it was given.
  const [first] = paths;
  if (first && paths.size === 1 && typeof fields.path === 'string' && fields.path !== first[0] && first[0].startsWith(fields.path)) {
    error.message = error.message.split(`'${fields.path}'`).join(`'${first[0]}'`);
    fields.path = first[0];
  }
  // Longest first, so that a path and one inside it are each written back whole.
  const ordered = [...paths].sort(([a], [b]) => b.length - a.length);
  for (const [absolute, original] of ordered) {
    error.message = error.message.split(absolute).join(original);
    if (fields.path === absolute) fields.path = original;
    if (fields.dest === absolute) fields.dest = original;
  }
  if (typeof error.stack === 'string') {
    for (const [absolute, original] of ordered) error.stack = error.stack.split(absolute).join(original);
  }
  return error;
}

/** What Linux refuses and memfs lets through. */
function nodeRefusal(base: string, args: unknown[], volume: RunVolume): Error | undefined {
  if ((base === 'write' || base === 'writev' || base === 'ftruncate') && typeof args[0] === 'number' && !volume.isWritable(args[0])) {
    return systemError('EBADF', base);
  }
  if (base === 'unlink' && typeof args[0] === 'string' && volume.isDirectory(args[0])) {
    // memfs says EPERM.
    return systemError('EISDIR', 'unlink', args[0]);
  }
  if (base === 'rename' && typeof args[0] === 'string' && typeof args[1] === 'string') {
    if (volume.isDirectory(args[0]) && volume.isFile(args[1])) {
      return systemError('ENOTDIR', 'rename', args[0], args[1]);
    }
  }
  return undefined;
}

/** A callback's error, shown as Node shows it too. */
function wrapErrors(name: string, args: unknown[], shown: (error: unknown) => unknown): void {
  const last = args.length - 1;
  if (name.endsWith('Sync') || typeof args[last] !== 'function') return;
  const callback = args[last] as Call;
  args[last] = (error: unknown, ...rest: unknown[]) => callback(error ? shown(error) : error, ...rest);
}

/**
 * The system call Node names where memfs names another: mkdtemp (memfs: mkdir), and the
 * JavaScript realpath, which fails in a stat of the absolute path; and Node 20's wording of a
 * directory copied without `recursive`. `pathArg` is the path argument as the call received it,
 * `givenPath` as the script gave it.
 */
function asSyscall(name: string, error: unknown, pathArg: unknown, givenPath: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const fields = error as Error & { syscall?: string; path?: string; code?: string };
  if (name.startsWith('cp') && fields.code === 'ERR_FS_EISDIR' && NODE_MAJOR < 22 && typeof givenPath === 'string') {
    // Node 20 words a directory copied without `recursive` as the SystemError its cp raises.
    error.message = `Path is a directory: cp returned EISDIR (${givenPath} is a directory (not copied)) ${givenPath}`;
    return error;
  }
  if (name.startsWith('mkdtemp') && fields.syscall === 'mkdir') {
    fields.syscall = 'mkdtemp';
    error.message = error.message.replace(', mkdir ', ', mkdtemp ');
  } else if ((name === 'realpath' || name === 'realpathSync') && fields.code === 'ENOENT' && typeof pathArg === 'string') {
    fields.syscall = 'stat';
    fields.path = pathArg;
    error.message = `ENOENT: no such file or directory, stat '${pathArg}'`;
  }
  return error;
}

/** Calls that can create the file or directory they are given. */
const CREATES = new Set(['writeFile', 'appendFile', 'mkdir', 'open', 'copyFile']);

/** `fs.opendir('data/x').path` is the path as given. */
function withGivenDirPath(result: unknown, given: string): unknown {
  const fix = (dir: unknown) => {
    if (dir && typeof dir === 'object') Object.defineProperty(dir, 'path', { value: given, configurable: true });
    return dir;
  };
  return result instanceof Promise ? result.then(fix) : fix(result);
}

/** A FileHandle method → the syscall Node names when it is called on a closed handle. */
const HANDLE_SYSCALLS: Record<string, string> = {
  appendFile: 'writeFile',
  chmod: 'fchmod',
  chown: 'fchown',
  datasync: 'fdatasync',
  read: 'read',
  readFile: 'readFile',
  readv: 'readv',
  stat: 'fstat',
  sync: 'fsync',
  truncate: 'ftruncate',
  utimes: 'futimes',
  write: 'write',
  writeFile: 'writeFile',
  writev: 'writev',
};

const guardedHandleClasses = new Set<object>();

/**
 * memfs's FileHandle, made to answer as Node's once closed: `EBADF` "file closed" from every
 * method, where memfs reaches its fd -1 and says "bad file descriptor". Its class is patched once.
 */
function withClosedHandleErrors(handle: unknown): unknown {
  const prototype = handle !== null && typeof handle === 'object' ? Object.getPrototypeOf(handle) : null;
  if (!prototype || guardedHandleClasses.has(prototype)) return handle;
  guardedHandleClasses.add(prototype);
  for (const [method, syscall] of Object.entries(HANDLE_SYSCALLS)) {
    const original = prototype[method] as Call | undefined;
    if (typeof original !== 'function') continue;
    prototype[method] = function (this: { fd: number }, ...args: unknown[]) {
      if (this.fd === -1) return Promise.reject(plainError('file closed', { code: 'EBADF', syscall }));
      return original.apply(this, args);
    };
  }
  return handle;
}

/** `lstat` of a symbolic link: its size is the length of its target, as on Linux. */
function withLinkSize(result: unknown, file: unknown, volume: RunVolume): unknown {
  const fix = (stats: unknown) => {
    const s = stats as { isSymbolicLink?: () => boolean; size?: number } | undefined;
    if (typeof file === 'string' && s?.isSymbolicLink?.()) s.size = volume.linkLength(file);
    return stats;
  };
  return result instanceof Promise ? result.then(fix) : fix(result);
}

/** Calls that change a file through its descriptor. */
const FD_CHANGES = new Set(['write', 'writev', 'ftruncate', 'fchmod', 'fchown', 'futimes']);

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
 * `fs.mkdtemp(prefix)` answers with the prefix as given: the volume got it made absolute.
 */
function relativeMkdtemp(original: unknown, absolute: unknown, result: unknown): unknown {
  if (typeof original !== 'string' || typeof absolute !== 'string' || original === absolute) return result;
  const fix = (made: unknown) => (typeof made === 'string' ? original + made.slice(absolute.length) : made);
  return result instanceof Promise ? result.then(fix) : fix(result);
}

/**
 * One function of a run's `fs`: dispatches on the current run, or, called outside any run (a
 * script's function the test calls later, a callback after the run ended), on the run whose
 * module it is. It never falls back to the disk for a run that has a volume.
 */
type MemoryLookup = (volume: RunVolume, name: string) => Call | undefined;

function dispatcher(name: string, real: Call, memory: MemoryLookup, owner?: RunState): Call {
  const base = name.replace(/Sync$/, '');
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
      const Stream = name === 'createReadStream' ? RunReadStream : RunWriteStream;
      return new Stream(args[0], args[1], run);
    }
    if (!target) {
      throw plainError(`ENOSYS: function not implemented by the in-memory filesystem, ${name}`, { code: 'ENOSYS', syscall: name });
    }
    const original = args[0];
    const given = [args[0], args[1]];
    const onSuccess = prepare(name, args, volume, run);
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
    if (firstCreated !== undefined || (base === 'mkdir' && optionOf(args, 1, 'recursive'))) {
      // Node answers mkdir -p with the first directory it created, as the script spelled it.
      // (relative to the cwd when the script gave a relative path).
      const relative = typeof given[0] === 'string' && !path.isAbsolute(given[0]);
      const answer = firstCreated === undefined ? undefined : relative ? path.relative(run.cwd, firstCreated) : firstCreated;
      result = result instanceof Promise ? result.then(() => answer) : name.endsWith('Sync') ? answer : result;
    }
    if (name === 'openSync' && typeof result === 'number' && typeof args[0] === 'string') {
      volume.opened(result, args[0], opensForWriting(args[1]));
    }
    if (created) {
      // New files and directories get their mode less the umask, as the kernel does.
      const applyUmask = () => volume.applyUmask(created, process.umask());
      if (result instanceof Promise) {
        result = result.then((value) => {
          applyUmask();
          return value;
        });
      }
      else if (name.endsWith('Sync')) applyUmask();
    }
    if (base === 'open' && result instanceof Promise) result = result.then(withClosedHandleErrors);
    if (base === 'opendir' && typeof given[0] === 'string') result = withGivenDirPath(result, given[0]);
    if (base === 'lstat') result = withLinkSize(result, args[0], volume);
    return base === 'mkdtemp' ? relativeMkdtemp(original, args[0], result) : result;
  };
  for (const key of Object.keys(real)) (dispatch as unknown as Record<string, unknown>)[key] = (real as unknown as Record<string, unknown>)[key];
  if (base === 'realpath') {
    // realpath.native must not reach past the volume either.
    const native = (real as unknown as { native?: Call }).native;
    if (native) (dispatch as unknown as { native: Call }).native = dispatcher(name, native, memory, owner);
  }
  Object.defineProperties(dispatch, { name: { value: real.name }, length: { value: real.length } });
  return dispatch;
}

const memoryFs = (volume: RunVolume) => volume.fs as unknown as Record<string, unknown>;

const fsLookup: MemoryLookup = (volume, member) => {
  const fn = memoryFs(volume)[member];
  return typeof fn === 'function' ? (fn as Call) : undefined;
};
const promisesLookup: MemoryLookup = (volume, member) => {
  const fn = (volume.fs.promises as unknown as Record<string, unknown>)[member];
  return typeof fn === 'function' ? (fn as Call).bind(volume.fs.promises) : undefined;
};

/** The functions of Node's `fs` (or `fs/promises`) a run's module makes its own. */
function dispatchableNames(real: Record<string, unknown>): Set<string> {
  // Classes and constants stay Node's own (the stream classes are the run's, below).
  return new Set(
    Object.keys(real).filter((name) => typeof real[name] === 'function' && !/^[A-Z]/.test(name) && !name.startsWith('_')),
  );
}

/** What a run's `fs` (or `fs/promises`) is made from: Node's module, its names in Node's order. */
interface FsModuleShape {
  real: Record<string, unknown>;
  names: readonly string[];
  nameSet: ReadonlySet<string>;
  dispatchable: ReadonlySet<string>;
  lookup: MemoryLookup;
}

function fsModuleShape(real: Record<string, unknown>, lookup: MemoryLookup): FsModuleShape {
  // All own names: some are not enumerable (Node 24's deprecated F_OK…), and stay so.
  const names = Object.getOwnPropertyNames(real);
  return { real, names, nameSet: new Set(names), dispatchable: dispatchableNames(real), lookup };
}

/**
 * A run's `fs` (or `fs/promises`): a Proxy whose properties are own and described as on Node's
 * (fs-extra and graceful-fs copy them), each made on first touch: a function for the module's
 * run, or Node's own property (constants, classes). Defining them all up front (as
 * accessors) cost ~40 µs a run; a run pays for what it uses. Assigning or deleting one (graceful-fs
 * patches fs.close) changes that run's module only.
 */
class RunFsModule implements ProxyHandler<Record<string | symbol, unknown>> {
  private deleted: Set<string | symbol> | undefined;

  constructor(
    private readonly shape: FsModuleShape,
    private readonly owner: RunState | undefined,
  ) {}

  private isDeleted(key: string | symbol): boolean {
    return this.deleted?.has(key) === true;
  }

  /** Makes `key` an own property of the module, once. */
  private materialize(target: Record<string | symbol, unknown>, key: string | symbol): void {
    if (typeof key !== 'string' || !this.shape.nameSet.has(key) || this.isDeleted(key) || Object.hasOwn(target, key)) return;
    const { real, dispatchable, lookup } = this.shape;
    const descriptor = Object.getOwnPropertyDescriptor(real, key)!;
    if (dispatchable.has(key)) descriptor.value = dispatcher(key, real[key] as Call, lookup, this.owner);
    Object.defineProperty(target, key, descriptor);
  }

  get(target: Record<string | symbol, unknown>, key: string | symbol, receiver: unknown): unknown {
    this.materialize(target, key);
    return Reflect.get(target, key, receiver);
  }

  getOwnPropertyDescriptor(target: Record<string | symbol, unknown>, key: string | symbol): PropertyDescriptor | undefined {
    this.materialize(target, key);
    return Reflect.getOwnPropertyDescriptor(target, key);
  }

  has(target: Record<string | symbol, unknown>, key: string | symbol): boolean {
    if (typeof key === 'string' && this.shape.nameSet.has(key) && !this.isDeleted(key)) return true;
    return Reflect.has(target, key);
  }

  ownKeys(target: Record<string | symbol, unknown>): (string | symbol)[] {
    const keys: (string | symbol)[] = this.shape.names.filter((name) => !this.isDeleted(name));
    for (const key of Reflect.ownKeys(target)) if (typeof key !== 'string' || !this.shape.nameSet.has(key)) keys.push(key);
    return keys;
  }

  deleteProperty(target: Record<string | symbol, unknown>, key: string | symbol): boolean {
    if (typeof key === 'string' && this.shape.nameSet.has(key)) (this.deleted ??= new Set()).add(key);
    return Reflect.deleteProperty(target, key);
  }

  defineProperty(target: Record<string | symbol, unknown>, key: string | symbol, descriptor: PropertyDescriptor): boolean {
    this.deleted?.delete(key);
    return Reflect.defineProperty(target, key, descriptor);
  }
}

const fsShape = fsModuleShape(realFs as unknown as Record<string, unknown>, fsLookup);
const promisesShape = fsModuleShape(realFs.promises as unknown as Record<string, unknown>, promisesLookup);

/** The `fs` and `fs/promises` a module of `owner` gets (or, without an owner, the shared ones). */
function buildFsModules(owner: RunState | undefined): { fs: typeof realFs; promises: typeof realFs.promises } {
  // Targets made with Object.create, not a literal: see CONTRIBUTING.md, "Objects made per run".
  const promises = new Proxy(Object.create(Object.prototype) as Record<string | symbol, unknown>, new RunFsModule(promisesShape, owner)) as unknown as typeof realFs.promises;
  const fsTarget = Object.create(Object.prototype) as Record<string | symbol, unknown>;
  for (const [key, value] of Object.entries({
    promises,
    ReadStream: RunReadStream,
    WriteStream: RunWriteStream,
    FileReadStream: RunReadStream,
    FileWriteStream: RunWriteStream,
  })) {
    Object.defineProperty(fsTarget, key, { configurable: true, enumerable: key !== 'FileReadStream' && key !== 'FileWriteStream', writable: true, value });
  }
  const fs = new Proxy(fsTarget, new RunFsModule(fsShape, owner)) as unknown as typeof realFs;
  return { fs, promises };
}

/** Options for Node's stream classes that make them read and write through the run's fs. */
function streamOptions(options: unknown, run: RunState | undefined): Record<string, unknown> {
  const given = typeof options === 'string' ? { encoding: options } : ((options ?? {}) as Record<string, unknown>);
  if (!run || run.options.fs === 'real' || given.fs) return given;
  return { ...given, fs: fsModulesOf(run).fs };
}

type StreamClass<T> = new (file: string, options: unknown) => T;

/** `fs.ReadStream` as a run sees it: Node's, over the run's filesystem. */
class RunReadStream extends (realFs.ReadStream as unknown as StreamClass<realFs.ReadStream>) {
  constructor(file: unknown, options?: unknown, owner?: RunState) {
    const run = currentRun.getStore() ?? owner;
    // The path stays as given (`stream.path`): the run's fs resolves it against the run's cwd.
    super(file as string, streamOptions(options, run));
  }
}

/** `fs.WriteStream` as a run sees it: Node's, over the run's filesystem. */
class RunWriteStream extends (realFs.WriteStream as unknown as StreamClass<realFs.WriteStream>) {
  constructor(file: unknown, options?: unknown, owner?: RunState) {
    const run = currentRun.getStore() ?? owner;
    super(file as string, streamOptions(options, run));
  }
}

const runFsModules = new RunSlot<ReturnType<typeof buildFsModules>>();

/** The `fs` modules of one run: made on its first `require('fs')`, bound to it for good. */
export function fsModulesOf(run: RunState): ReturnType<typeof buildFsModules> {
  let modules = runFsModules.get(run);
  if (!modules) {
    modules = buildFsModules(run);
    runFsModules.set(run, modules);
  }
  return modules;
}

const shared = buildFsModules(undefined);
/** The `fs` of code that no run owns (modules shared between runs): dispatches on the current run. */
export const fsFacade = shared.fs;
export const fsPromisesFacade = shared.promises;
