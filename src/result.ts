/** What a run left behind: everything a test may assert on (SPEC §2, RunResult). */
export interface RunResult<T = Record<string, unknown>> {
  /** Exit code 0 and no error. */
  ok: boolean;
  exitCode: number;
  /** The signal the script sent itself (`process.kill(process.pid, 'SIGTERM')`), else undefined. */
  signal: NodeJS.Signals | undefined;
  /** The script's top-level bindings at the end of the run. */
  namespace: Partial<T> & Record<string, unknown>;
  /** `module.exports`, or a plain snapshot of the ESM namespace. */
  exports: T;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved, in write order. */
  output: string;
  /** The thrown value of an uncaught error or unhandled rejection. */
  error: unknown;
  /** Node-style report of `error` with user frames only; '' when none. */
  traceback: string;
  durationMs: number;
  /**
   * What the run created, changed or deleted: keys are POSIX paths relative to `cwd` when inside
   * it (absolute otherwise), values UTF-8 text, bytes, or `null` for deleted.
   */
  files: Record<string, string | Buffer | null>;
  /** The run's memfs Volume (undefined with `fs: 'real'`); made on first read if the script used none. */
  readonly fs?: import('memfs').Volume;
  timedOut: boolean;
  /** What was still alive at a timeout: kind and the user-code line that created it. */
  pending: PendingResource[];
  /** Names the script added to `globalThis`, removed after the run. */
  leakedGlobals: string[];
  /**
   * Keys of `mocks` that no module of the run imported, in the order given: a misspelt
   * specifier, or one that resolves to another module than the script's imports reach. Empty
   * when every mock was used (and always from `runInNode`, which takes no mocks).
   */
  unusedMocks: string[];
}

export interface PendingResource {
  kind: string;
  /** `file:line:column` of the user code that created it, relative to cwd where possible. */
  createdAt: string;
}

/**
 * What a run knows at its end, for `createRunResult`. What a kind of run cannot know is left out
 * and comes out empty: `runInNode` has no namespace, exports, error, pending resources, leaked
 * globals or mocks.
 */
export interface RunEnd<T> {
  exitCode: number;
  signal: NodeJS.Signals | undefined;
  namespace?: Partial<T> & Record<string, unknown>;
  exports?: T;
  stdout: string;
  stderr: string;
  output: string;
  /** The uncaught error or unhandled rejection that ended the run (its value may be `undefined`). */
  failure?: { error: unknown; traceback: string } | undefined;
  durationMs: number;
  files: RunResult['files'];
  timedOut: boolean;
  pending?: PendingResource[];
  leakedGlobals?: string[];
  unusedMocks?: string[];
}

/** The RunResult of a run that ended so: every field present, `ok` when it exited 0 with no error. */
export function createRunResult<T>(end: RunEnd<T>): RunResult<T> {
  const { failure } = end;
  return {
    ok: end.exitCode === 0 && failure === undefined,
    exitCode: end.exitCode,
    signal: end.signal,
    namespace: end.namespace ?? {},
    exports: end.exports ?? ({} as T),
    stdout: end.stdout,
    stderr: end.stderr,
    output: end.output,
    error: failure?.error,
    traceback: failure?.traceback ?? '',
    durationMs: end.durationMs,
    files: end.files,
    timedOut: end.timedOut,
    pending: end.pending ?? [],
    leakedGlobals: end.leakedGlobals ?? [],
    unusedMocks: end.unusedMocks ?? [],
  };
}
