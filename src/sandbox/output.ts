import { Buffer } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { invalidArgType } from '../node-errors.js';
import type { NormalizedOptions } from '../options.js';
import { ArrayPrototypeJoin, ArrayPrototypePush, SafeSet, SetPrototypeAdd, SetPrototypeHas } from '../primordials.js';
import { hostStream } from './host-streams.js';

export type StreamName = 'stdout' | 'stderr';

/**
 * The run's captured output: stdout, stderr and both interleaved in write order. Writes after
 * the run has exited are dropped (a script's `finally` after `process.exit` has no effect).
 * Bytes are decoded per stream as a terminal would: a UTF-8 character split across two writes
 * is one character, once its last byte came.
 */
export class OutputCapture {
  private readonly chunks: { stdout: string[]; stderr: string[]; output: string[] } = {
    stdout: [],
    stderr: [],
    output: [],
  };
  closed = false;
  /** Streams the script ended (`process.stdout.end()`, a pipeline into it): later writes are lost, as on a pipe. */
  private readonly ended = new SafeSet<StreamName>();
  /** Made on the first bytes a stream is given: most runs only write text. */
  private stdoutDecoder: StringDecoder | undefined;
  private stderrDecoder: StringDecoder | undefined;

  constructor(private readonly echo: NormalizedOptions['echo']) {}

  write(stream: StreamName, text: string): void {
    if (this.closed || SetPrototypeHas(this.ended, stream)) return;
    // Bytes of a character still incomplete are shown as a terminal shows them before text.
    const decoder = stream === 'stdout' ? this.stdoutDecoder : this.stderrDecoder;
    if (decoder) this.append(stream, decoder.end());
    this.append(stream, text);
  }

  /** Bytes written to a stream (`stdout.write(buffer)`, `fs.writeSync(1, bytes)`), decoded as UTF-8 across writes. */
  writeBytes(stream: StreamName, bytes: Uint8Array): void {
    if (this.closed || SetPrototypeHas(this.ended, stream)) return;
    let decoder = stream === 'stdout' ? this.stdoutDecoder : this.stderrDecoder;
    if (!decoder) {
      decoder = new StringDecoder('utf8');
      if (stream === 'stdout') this.stdoutDecoder = decoder;
      else this.stderrDecoder = decoder;
    }
    this.append(stream, decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
  }

  private append(stream: StreamName, text: string): void {
    if (text === '') return;
    this.appendAlways(stream, text);
    if (this.echo) hostStream(stream).write(text);
  }

  /** Appends even once closed: for the rest of a character the script wrote before. */
  private appendAlways(stream: StreamName, text: string): void {
    if (text === '') return;
    ArrayPrototypePush(this.chunks[stream], text);
    ArrayPrototypePush(this.chunks.output, text);
  }

  end(stream: StreamName): void {
    SetPrototypeAdd(this.ended, stream);
  }

  text(which: StreamName | 'output'): string {
    // What is left of an incomplete character, as the reader of a pipe would see it at its end.
    if (this.stdoutDecoder) this.appendAlways('stdout', this.stdoutDecoder.end());
    if (this.stderrDecoder) this.appendAlways('stderr', this.stderrDecoder.end());
    const parts = this.chunks[which];
    if (parts.length > 1) {
      const joined = ArrayPrototypeJoin(parts, '');
      parts.length = 0;
      parts[0] = joined;
    }
    return parts[0] ?? '';
  }
}

/** Bytes or text written to a stream, as the text a terminal would show (bytes decoded alone: see OutputCapture.writeBytes). */
export function chunkToString(chunk: unknown): string {
  if (typeof chunk === 'string') return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString();
  throw invalidChunk(chunk);
}

/** Node's error for a chunk that is neither text nor bytes. */
export function invalidChunk(chunk: unknown): TypeError {
  return invalidArgType('chunk', 'of type string or an instance of Buffer, TypedArray, or DataView', chunk, invalidChunk);
}
