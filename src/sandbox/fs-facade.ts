import realFs from 'node:fs';
import path from 'node:path';
import { chunkToString } from './output.js';
import { currentRun, type RunState } from './run-state.js';

/**
 * The `fs` module every run sees: Node's own, with two differences a separate process would
 * show. Relative paths resolve against the run's (virtual) cwd, and fds 0, 1 and 2 are the run's
 * stdin, stdout and stderr (`fs.readFileSync(0)`, `/dev/stdin`, `fs.writeSync(1, …)`). One
 * object for all runs, dispatching on the current run; outside runs it is the real `fs`.
 */
export const fsFacade: typeof realFs = Object.create(realFs);
export const fsPromisesFacade: typeof realFs.promises = Object.create(realFs.promises);

/** How much of the run's stdin has been consumed through fd 0. */
const stdinOffsets = new WeakMap<RunState, number>();

function readStdin(run: RunState): Buffer {
  const offset = stdinOffsets.get(run) ?? 0;
  stdinOffsets.set(run, run.options.stdin.length);
  return run.options.stdin.subarray(offset);
}

function outputStream(fd: unknown): 'stdout' | 'stderr' | undefined {
  return fd === 1 ? 'stdout' : fd === 2 ? 'stderr' : undefined;
}

function decode(buffer: Buffer, options: unknown): string | Buffer {
  const encoding = typeof options === 'string' ? options : (options as { encoding?: string } | undefined)?.encoding;
  return encoding ? buffer.toString(encoding as BufferEncoding) : buffer;
}

/** A relative string path made absolute against the run's cwd; anything else unchanged. */
function absolute(run: RunState, target: unknown): unknown {
  return typeof target === 'string' && !path.isAbsolute(target) ? path.resolve(run.cwd, target) : target;
}

/** Functions whose leading arguments (1 or 2 of them) are paths. */
const ONE_PATH = [
  'access', 'appendFile', 'chmod', 'chown', 'lchmod', 'lchown', 'lutimes', 'exists', 'lstat', 'mkdir',
  'mkdtemp', 'open', 'opendir', 'readdir', 'readFile', 'readlink', 'realpath', 'rm', 'rmdir', 'stat',
  'statfs', 'truncate', 'unlink', 'utimes', 'watch', 'watchFile', 'unwatchFile', 'writeFile',
  'createReadStream', 'createWriteStream', 'openAsBlob',
];
const TWO_PATHS = ['rename', 'copyFile', 'link', 'cp'];

function wrapPaths(target: Record<string, unknown>, source: Record<string, unknown>, name: string, count: 1 | 2): void {
  const original = source[name];
  if (typeof original !== 'function') return;
  const wrapped = function (this: unknown, ...args: unknown[]) {
    const run = currentRun.getStore();
    if (run) {
      args[0] = absolute(run, args[0]);
      if (count === 2) args[1] = absolute(run, args[1]);
    }
    return original.apply(this, args);
  };
  for (const key of Object.keys(original)) (wrapped as unknown as Record<string, unknown>)[key] = (original as unknown as Record<string, unknown>)[key];
  Object.defineProperty(wrapped, 'name', { value: original.name });
  Object.defineProperty(target, name, { configurable: true, enumerable: true, writable: true, value: wrapped });
}

for (const name of ONE_PATH) {
  wrapPaths(fsFacade as never, realFs as never, name, 1);
  wrapPaths(fsFacade as never, realFs as never, `${name}Sync`, 1);
  wrapPaths(fsPromisesFacade as never, realFs.promises as never, name, 1);
}
for (const name of TWO_PATHS) {
  wrapPaths(fsFacade as never, realFs as never, name, 2);
  wrapPaths(fsFacade as never, realFs as never, `${name}Sync`, 2);
  wrapPaths(fsPromisesFacade as never, realFs.promises as never, name, 2);
}
// symlink(target, path): only the link's own path is relative to the cwd.
for (const [object, source, name] of [
  [fsFacade, realFs, 'symlink'],
  [fsFacade, realFs, 'symlinkSync'],
  [fsPromisesFacade, realFs.promises, 'symlink'],
] as const) {
  const original = (source as unknown as Record<string, (...args: unknown[]) => unknown>)[name]!;
  Object.defineProperty(object, name, {
    configurable: true,
    enumerable: true,
    writable: true,
    value(...args: unknown[]) {
      const run = currentRun.getStore();
      if (run) args[1] = absolute(run, args[1]);
      return original.apply(source, args);
    },
  });
}

const realReadFileSync = fsFacade.readFileSync;
const standardStreams = {
  readFileSync(target: unknown, options?: unknown) {
    const run = currentRun.getStore();
    if (run && (target === 0 || target === '/dev/stdin')) return decode(readStdin(run), options);
    return (realReadFileSync as (...args: unknown[]) => unknown)(target, options);
  },
  writeSync(fd: unknown, data: unknown, ...rest: unknown[]) {
    const run = currentRun.getStore();
    const stream = outputStream(fd);
    if (run && stream) {
      const text = typeof data === 'string' ? data : chunkToString(data);
      run.output.write(stream, text);
      return Buffer.byteLength(text);
    }
    return (realFs.writeSync as (...args: unknown[]) => number)(fd, data, ...rest);
  },
  write(fd: unknown, data: unknown, ...rest: unknown[]) {
    const run = currentRun.getStore();
    const stream = outputStream(fd);
    if (run && stream) {
      const callback = rest.findLast((arg) => typeof arg === 'function') as
        | ((error: null, written: number, data: unknown) => void)
        | undefined;
      const text = typeof data === 'string' ? data : chunkToString(data);
      run.output.write(stream, text);
      if (callback) process.nextTick(callback, null, Buffer.byteLength(text), data);
      return;
    }
    return (realFs.write as (...args: unknown[]) => void)(fd, data, ...rest);
  },
};

for (const [name, value] of Object.entries(standardStreams)) {
  Object.defineProperty(fsFacade, name, { configurable: true, enumerable: true, writable: true, value });
}
Object.defineProperty(fsFacade, 'promises', { configurable: true, enumerable: true, get: () => fsPromisesFacade });
