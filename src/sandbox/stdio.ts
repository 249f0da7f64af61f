import { Readable, Writable } from 'node:stream';
import { clearLine, clearScreenDown, cursorTo, moveCursor } from 'node:readline';
import type { OutputCapture, StreamName } from './output.js';
import { chunkToString } from './output.js';

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
    if (tty) {
      this.isTTY = true;
      this.columns = tty.columns;
      this.rows = tty.rows;
    }
  }

  override _write(chunk: unknown, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.capture.write(this.streamName, chunkToString(chunk));
    callback();
  }

  // stdout and stderr are never really closed by a script, as in Node.
  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    callback(error);
  }

  getColorDepth(): number {
    return this.isTTY ? 8 : 1;
  }

  hasColors(count = 16): boolean {
    return this.isTTY === true && count <= 256;
  }

  getWindowSize(): [number, number] {
    return [this.columns ?? 80, this.rows ?? 24];
  }

  cursorTo(x: number, y?: number | (() => void), callback?: () => void): boolean {
    if (typeof y === 'function') return cursorTo(this, x, undefined, y);
    return cursorTo(this, x, y, callback);
  }

  moveCursor(dx: number, dy: number, callback?: () => void): boolean {
    return moveCursor(this, dx, dy, callback);
  }

  clearLine(dir: TtyDirection, callback?: () => void): boolean {
    return clearLine(this, dir, callback);
  }

  clearScreenDown(callback?: () => void): boolean {
    return clearScreenDown(this, callback);
  }
}

/** A run's `process.stdin`: the given bytes, then end of input, as from a pipe. */
export function createStdin(input: Buffer): Readable & { fd: 0; isTTY: undefined } {
  let pushed = false;
  const stdin = new Readable({
    read() {
      if (!pushed) {
        pushed = true;
        if (input.length > 0) this.push(input);
      }
      this.push(null);
    },
  });
  return Object.assign(stdin, { fd: 0 as const, isTTY: undefined });
}
