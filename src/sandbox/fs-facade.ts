import realFs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPackageScope, realFs as diskResolveFs } from '../loader/resolve.js';
import { chunkToString } from './output.js';
import { currentRun, type RunState } from './run-state.js';
import { RunVolume } from './run-volume.js';

/**
 * The `fs` and `fs/promises` modules every run sees (SPEC §5). One object for all runs,
 * dispatching on the current run:
 * - fds 0, 1 and 2 are the run's stdin, stdout and stderr (`fs.readFileSync(0)`, `/dev/stdin`,
 *   `fs.writeSync(1, …)`);
 * - in 'memory' and 'overlay' every call goes to the run's volume (run-volume.ts), never to disk;
 * - in 'real' calls go to Node's fs, with relative paths resolved against the run's cwd.
 * Outside runs it is the real `fs`.
 */
export const fsFacade: typeof realFs = Object.create(realFs);
export const fsPromisesFacade: typeof realFs.promises = Object.create(realFs.promises);

type Call = (...args: unknown[]) => unknown;

/** The run's volume, made on its first filesystem call: a run that touches no file pays nothing. */
export function volumeOf(run: RunState): RunVolume | undefined {
  if (run.options.fs === 'real') return undefined;
  if (!run.volume) {
    // A script's own files are readable in 'memory' mode: its package (or its directory).
    if (run.mainPath) run.readableRoots.add(findPackageScope(run.mainPath, { fs: diskResolveFs })?.dir ?? path.dirname(run.mainPath));
    const volume = new RunVolume(run.options.fs, run.readableRoots);
    if (run.options.files) volume.seed(run.options.files, run.options.cwd);
    volume.ensureDirectory(run.options.cwd);
    volume.ensureDirectory(tmpdir());
    run.volume = volume;
  }
  return run.volume as RunVolume;
}

function toPath(run: RunState, target: unknown): unknown {
  if (target instanceof URL) return target.protocol === 'file:' ? fileURLToPath(target) : target;
  if (Buffer.isBuffer(target)) target = target.toString();
  if (typeof target !== 'string') return target;
  if (target.startsWith('file:')) return fileURLToPath(target);
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
function prepare(name: string, args: unknown[], volume: RunVolume, run: RunState): void {
  const base = name.replace(/Sync$/, '');
  if (READ.has(base) || LIST.has(base) || WRITE.has(base) || CREATE_DIRECTORY.has(base) || DELETE.has(base) || base === 'open') {
    args[0] = toPath(run, args[0]);
    const file = args[0];
    if (typeof file !== 'string') return;
    if (READ.has(base)) volume.materialize(file);
    else if (LIST.has(base)) {
      if (optionOf(args, 1, 'recursive')) volume.materializeTree(file);
      else volume.list(file);
    } else if (CREATE_DIRECTORY.has(base)) volume.prepareWrite(file);
    else if (DELETE.has(base)) {
      if (optionOf(args, 1, 'recursive')) volume.materializeTree(file);
      else volume.materialize(file);
      for (const below of volume.filesBelow(file)) volume.touched.add(below);
      volume.touched.add(file);
      volume.deleted(file);
    } else if (base === 'open' && !opensForWriting(args[1])) volume.materialize(file);
    else {
      volume.prepareWrite(file);
      volume.touched.add(file);
    }
    return;
  }
  if (TWO_PATHS.has(base)) {
    const from = (args[0] = toPath(run, args[0]));
    const to = (args[1] = toPath(run, args[1]));
    if (typeof from !== 'string' || typeof to !== 'string') return;
    volume.materializeTree(from);
    volume.prepareWrite(to);
    for (const file of volume.filesBelow(from)) {
      volume.touched.add(path.join(to, path.relative(from, file)));
      if (base === 'rename') volume.touched.add(file);
    }
    volume.touched.add(to);
    if (base === 'rename') {
      volume.touched.add(from);
      volume.deleted(from);
    }
    return;
  }
  if (base === 'symlink') {
    args[1] = toPath(run, args[1]);
    if (typeof args[1] === 'string') volume.prepareWrite(args[1]);
  }
}

/** How much of the run's stdin has been consumed through fd 0. */
const stdinOffsets = new WeakMap<RunState, number>();

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
function callLikeIo(name: string, target: Call, volume: RunVolume, args: unknown[]): unknown {
  const last = args.length - 1;
  if (!name.endsWith('Sync') && !name.startsWith('watch') && !name.startsWith('unwatch') && typeof args[last] === 'function') {
    const callback = args[last] as Call;
    args[last] = (...results: unknown[]) => setImmediate(() => callback(...results));
    return target.apply(volume.fs, args);
  }
  const result = target.apply(volume.fs, args);
  if (result instanceof Promise) {
    return result.then(
      (value) => new Promise((resolve) => setImmediate(resolve, value)),
      (error) => new Promise((_, reject) => setImmediate(reject, error)),
    );
  }
  return result;
}

function dispatcher(name: string, real: Call, memory: (volume: RunVolume) => Call | undefined): Call {
  const dispatch = function (this: unknown, ...args: unknown[]) {
    const run = currentRun.getStore();
    if (!run) return real.apply(this, args);
    const std = standardStream(name, args, run);
    if (std) return std.value;
    const volume = volumeOf(run);
    if (!volume) {
      // 'real': Node's fs, relative to the run's cwd (two-path functions: both paths).
      if (args.length > 0 && typeof args[0] !== 'number') args[0] = toPath(run, args[0]);
      if (TWO_PATHS.has(name.replace(/Sync$/, '')) || name.startsWith('symlink')) args[1] = toPath(run, args[1]);
      return real.apply(this, args);
    }
    const target = memory(volume);
    if (!target) {
      throw Object.assign(new Error(`ENOSYS: function not implemented by the in-memory filesystem, ${name}`), {
        code: 'ENOSYS',
        syscall: name,
      });
    }
    if (name === 'createReadStream' || name === 'createWriteStream') {
      // Node's own stream classes over this facade: Node's events and buffering, the volume's bytes.
      const options = typeof args[1] === 'string' ? { encoding: args[1] } : (args[1] ?? {});
      const Stream = name === 'createReadStream' ? realFs.ReadStream : realFs.WriteStream;
      return new (Stream as unknown as new (path: unknown, options: unknown) => unknown)(toPath(run, args[0]), {
        ...(options as object),
        fs: fsFacade,
      });
    }
    prepare(name, args, volume, run);
    return callLikeIo(name, target, volume, args);
  };
  for (const key of Object.keys(real)) (dispatch as unknown as Record<string, unknown>)[key] = (real as unknown as Record<string, unknown>)[key];
  Object.defineProperty(dispatch, 'name', { value: real.name });
  return dispatch;
}

const memoryFs = (volume: RunVolume) => volume.fs as unknown as Record<string, unknown>;

for (const name of Object.keys(realFs)) {
  const real = (realFs as unknown as Record<string, unknown>)[name];
  // Classes (Stats, Dirent, ReadStream…) and constants stay Node's own.
  if (typeof real !== 'function' || /^[A-Z]/.test(name) || name.startsWith('_')) continue;
  const value = dispatcher(name, real as Call, (volume) => {
    const fn = memoryFs(volume)[name];
    return typeof fn === 'function' ? (fn as Call) : undefined;
  });
  Object.defineProperty(fsFacade, name, { configurable: true, enumerable: true, writable: true, value });
}

for (const name of Object.keys(realFs.promises)) {
  const real = (realFs.promises as unknown as Record<string, unknown>)[name];
  if (typeof real !== 'function') continue;
  const value = dispatcher(name, real as Call, (volume) => {
    const fn = (volume.fs.promises as unknown as Record<string, unknown>)[name];
    return typeof fn === 'function' ? (fn as Call).bind(volume.fs.promises) : undefined;
  });
  Object.defineProperty(fsPromisesFacade, name, { configurable: true, enumerable: true, writable: true, value });
}
Object.defineProperty(fsFacade, 'promises', { configurable: true, enumerable: true, get: () => fsPromisesFacade });
