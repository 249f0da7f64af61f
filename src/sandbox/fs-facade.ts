import realFs from 'node:fs';
import { chunkToString } from './output.js';
import { currentRun, type RunState } from './run-state.js';

/** How much of the run's stdin has been consumed through fd 0. */
const stdinOffsets = new WeakMap<RunState, number>();

function isStdinTarget(target: unknown): boolean {
  return target === 0 || target === '/dev/stdin';
}

function readStdin(run: RunState): Buffer {
  const offset = stdinOffsets.get(run) ?? 0;
  const rest = run.options.stdin.subarray(offset);
  stdinOffsets.set(run, run.options.stdin.length);
  return rest;
}

function outputStream(fd: unknown): 'stdout' | 'stderr' | undefined {
  return fd === 1 ? 'stdout' : fd === 2 ? 'stderr' : undefined;
}

function decode(buffer: Buffer, options: unknown): string | Buffer {
  const encoding = typeof options === 'string' ? options : (options as { encoding?: string } | undefined)?.encoding;
  return encoding ? buffer.toString(encoding as BufferEncoding) : buffer;
}

/**
 * The `fs` module every run sees: Node's own, with the run's standard streams behind fds 0, 1
 * and 2 (`fs.readFileSync(0)`, `/dev/stdin`, `fs.writeSync(1, …)`). One object for all runs,
 * dispatching on the current run; outside runs, and for every other file, it is the real `fs`.
 */
export const fsFacade: typeof realFs = Object.create(realFs);

const overrides = {
  readFileSync(target: unknown, options?: unknown) {
    const run = currentRun.getStore();
    if (run && isStdinTarget(target)) return decode(readStdin(run), options);
    return realFs.readFileSync(target as number, options as undefined);
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

for (const [name, value] of Object.entries(overrides)) {
  Object.defineProperty(fsFacade, name, { configurable: true, enumerable: true, writable: true, value });
}
