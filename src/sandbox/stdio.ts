import { Readable, Writable } from 'node:stream';
import { clearLine, clearScreenDown, cursorTo, moveCursor } from 'node:readline';
import { Buffer } from 'node:buffer';
import type { OutputCapture, StreamName } from './output.js';
import { invalidChunk } from './output.js';

type TtyDirection = -1 | 0 | 1;

/**
 * A run's `process.stdout` or `process.stderr`: a real Writable (so `pipe`, `cork` and `'finish'`
 * work) that appends synchronously to the run's capture. With `tty` it also looks like a
 * tty.WriteStream: `isTTY`, `columns`, `rows`, colour depth and the cursor methods.
 */
export class CapturedWriteStream extends Writable {
  readonly fd: 1 | 2;
  readonly _isStdio = true;
  declare isTTY: true | undefined;
  declare columns: number | undefined;
  declare rows: number | undefined;

  constructor(
    private readonly capture: OutputCapture,
    private readonly streamName: StreamName,
    tty: { columns: number; rows: number } | undefined,
  ) {
    super({ decodeStrings: false });
    this.fd = streamName === 'stdout' ? 1 : 2;
    if (tty) this.becomeTerminal(tty);
  }

  /**
   * Text in UTF-8 is captured as it is; text in another encoding (`write('68690a', 'hex')`)
   * becomes the bytes it encodes, as on a real stdout; bytes are decoded across writes.
   */
  override _write(chunk: unknown, encoding: BufferEncoding | 'buffer', callback: (error?: Error | null) => void): void {
    if (typeof chunk === 'string') {
      if (encoding === 'utf8' || encoding === 'utf-8' || encoding === 'buffer') this.capture.write(this.streamName, chunk);
      else this.capture.writeBytes(this.streamName, Buffer.from(chunk, encoding));
    } else if (chunk instanceof Uint8Array) this.capture.writeBytes(this.streamName, chunk);
    else throw invalidChunk(chunk);
    callback();
  }

  // Ending stdout closes the pipe behind it: what is written later goes nowhere.
  override _final(callback: (error?: Error | null) => void): void {
    this.capture.end(this.streamName);
    callback();
  }

  // stdout and stderr are never really closed by a script: as Node's stdio streams do
  // (dummyDestroy), a destroyed one comes back, and what is written later still shows.
  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    callback(error);
    (this as unknown as { _undestroy(): void })._undestroy();
  }

  // A terminal's methods exist only when it is one, as on a piped node's stdout.
  declare getColorDepth: (() => number) | undefined;
  declare hasColors: ((count?: number) => boolean) | undefined;
  declare getWindowSize: (() => [number, number]) | undefined;
  declare cursorTo: ((x: number, y?: number, callback?: () => void) => boolean) | undefined;
  declare moveCursor: ((dx: number, dy: number, callback?: () => void) => boolean) | undefined;
  declare clearLine: ((dir: TtyDirection, callback?: () => void) => boolean) | undefined;
  declare clearScreenDown: ((callback?: () => void) => boolean) | undefined;

  private becomeTerminal(size: { columns: number; rows: number }): void {
    this.isTTY = true;
    this.columns = size.columns;
    this.rows = size.rows;
    this.getColorDepth = () => 8;
    this.hasColors = (count = 16) => count <= 256;
    this.getWindowSize = () => [size.columns, size.rows];
    this.cursorTo = (x, y, callback) => cursorTo(this, x, y, callback);
    this.moveCursor = (dx, dy, callback) => moveCursor(this, dx, dy, callback);
    this.clearLine = (dir, callback) => clearLine(this, dir, callback);
    this.clearScreenDown = (callback) => clearScreenDown(this, callback);
  }
}

/**
 * A run's stdin stream. Named as node's piped stdin is (a `net.Socket`): a frame of a callback
 * that runs on it reads `Socket.<anonymous>`, in a stack trace as in node's.
 */
class Socket extends Readable {
  readonly fd = 0 as const;
  readonly isTTY = undefined;
  #input: Buffer | undefined;

  constructor(input: Buffer) {
    super();
    this.#input = input;
  }

  override _read(): void {
    const input = this.#input;
    this.#input = undefined;
    if (input && input.length > 0) this.push(input);
    this.push(null);
  }
}

/** A run's `process.stdin`: the given bytes, then end of input, as from a pipe. */
export function createStdin(input: Buffer): Readable & { fd: 0; isTTY: undefined } {
  return new Socket(input);
}
