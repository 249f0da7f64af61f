import realTty from 'node:tty';
import { currentRun } from './run-state.js';

/**
 * The `tty` module every run sees: `isatty(1)` and `isatty(2)` answer for the run's stdout and
 * stderr (terminals only with the `tty` option, as for piped node otherwise), `isatty(0)` is
 * false (stdin is given as bytes). Other fds, and calls outside runs, ask the real one.
 */
export const ttyFacade: typeof realTty = Object.create(realTty, {
  isatty: {
    configurable: true,
    enumerable: true,
    writable: true,
    value: function isatty(fd: number): boolean {
      const run = currentRun.getStore();
      if (!run || (fd !== 0 && fd !== 1 && fd !== 2)) return realTty.isatty(fd);
      return fd !== 0 && run.options.tty !== undefined;
    },
  },
});
