/**
 * The host's own standard streams, whatever run is current. host-dispatch.ts makes the real
 * `process.stdout`/`stderr`/`stdin` follow the current run and leaves their first getters here,
 * so that `echo` still reaches the host's terminal.
 */
type StdioName = 'stdout' | 'stderr' | 'stdin';

const hostGetters: Partial<Record<StdioName, () => unknown>> = {};

/** Called once by host-dispatch.ts with the getter Node defined for `name`. */
export function keepHostStreamGetter(name: StdioName, get: () => unknown): void {
  hostGetters[name] = get;
}

/** The host's own stdout or stderr, whatever run is current (for `echo`). */
export function hostStream(name: 'stdout' | 'stderr'): NodeJS.WriteStream {
  const get = hostGetters[name];
  return (get ? get.call(process) : process[name]) as NodeJS.WriteStream;
}
