import type { RunState } from '../run-state.js';
import { RunSlot } from '../run-slot.js';
import { chunkToString } from '../output.js';
import type { Call } from './call-kinds.js';

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
export function standardStream(name: string, args: unknown[], run: RunState): { value: unknown } | undefined {
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
