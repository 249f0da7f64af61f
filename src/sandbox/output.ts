import { invalidArgType } from '../node-errors.js';
import type { NormalizedOptions } from '../options.js';
import { hostStream } from './host-streams.js';

export type StreamName = 'stdout' | 'stderr';

/**
 * The run's captured output: stdout, stderr and both interleaved in write order. Writes after
 * the run has exited are dropped (a script's `finally` after `process.exit` has no effect).
 */
export class OutputCapture {
  private readonly chunks: { stdout: string[]; stderr: string[]; output: string[] } = {
    stdout: [],
    stderr: [],
    output: [],
  };
  closed = false;
  /** Streams the script ended (`process.stdout.end()`, a pipeline into it): later writes are lost, as on a pipe. */
  private readonly ended = new Set<StreamName>();

  constructor(private readonly echo: NormalizedOptions['echo']) {}

  write(stream: StreamName, text: string): void {
    if (this.closed || this.ended.has(stream)) return;
    this.chunks[stream].push(text);
    this.chunks.output.push(text);
    if (this.echo) hostStream(stream).write(text);
  }

  end(stream: StreamName): void {
    this.ended.add(stream);
  }

  text(which: StreamName | 'output'): string {
    const parts = this.chunks[which];
    if (parts.length > 1) {
      const joined = parts.join('');
      parts.length = 0;
      parts.push(joined);
    }
    return parts[0] ?? '';
  }
}

/** Bytes or text written to a stream, as the text a terminal would show. */
export function chunkToString(chunk: unknown): string {
  if (typeof chunk === 'string') return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString();
  throw invalidArgType('chunk', 'of type string or an instance of Buffer, TypedArray, or DataView', chunk, chunkToString);
}
