import realChildProcess, { type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { runProcess } from './process.js';
import { currentRun, type RunState } from './run-state.js';

type Options = Record<string, unknown> & { cwd?: unknown; env?: unknown; stdio?: unknown };
type Stdio = unknown[];

/**
 * The `child_process` module every run sees. A child starts in the run's cwd with the run's
 * environment unless told otherwise, and what it would write to an inherited stdout or stderr
 * (`stdio: 'inherit'`) goes to the run's instead (through a pipe, since the run's streams have
 * no file descriptor); an inherited stdin gets the run's stdin. Outside runs it is Node's own.
 */
export const childProcessFacade: typeof realChildProcess = Object.create(realChildProcess);

/** spawn(file, args?, options?) and its siblings take their arguments in these shapes. */
function splitArgs(rest: unknown[]): { args: unknown[] | undefined; options: Options | undefined; tail: unknown[] } {
  let index = 0;
  let args: unknown[] | undefined;
  if (Array.isArray(rest[index])) args = rest[index++] as unknown[];
  else if (rest[index] === undefined || rest[index] === null) {
    if (rest.length > index + 1) index++;
  }
  let options: Options | undefined;
  if (rest[index] !== null && typeof rest[index] === 'object') options = rest[index++] as Options;
  return { args, options, tail: rest.slice(index) };
}

function withRunDefaults(run: RunState, options: Options | undefined): Options {
  const result: Options = { ...options };
  result.cwd = result.cwd === undefined ? run.cwd : path.resolve(run.cwd, String(result.cwd));
  if (result.env === undefined) result.env = { ...runProcess.env };
  return result;
}

/** The stdio array with the run's own streams (inherit, fds 0-2, process.stdout) marked. */
function normalizeStdio(stdio: unknown, fallback: Stdio): { stdio: Stdio; inherited: boolean[] } {
  const entries: Stdio =
    stdio === undefined ? [...fallback] : typeof stdio === 'string' ? [stdio, stdio, stdio] : [...(stdio as Stdio)];
  const inherited = [0, 1, 2].map((fd) => {
    const entry = entries[fd];
    const own = entry === 'inherit' || entry === fd || (fd === 1 && entry === runProcess.stdout) ||
      (fd === 2 && entry === runProcess.stderr) || (fd === 0 && entry === runProcess.stdin);
    if (own) entries[fd] = 'pipe';
    return own;
  });
  return { stdio: entries, inherited };
}

/** Feeds an asynchronous child's inherited streams from and to the run. */
function wire(run: RunState, child: ChildProcess, inherited: boolean[]): ChildProcess {
  const pending: Promise<void>[] = [];
  if (inherited[0] && child.stdin) {
    child.stdin.on('error', () => {});
    child.stdin.end(run.options.stdin);
  }
  for (const [fd, name] of [
    [1, 'stdout'],
    [2, 'stderr'],
  ] as const) {
    const stream = child[name];
    if (!inherited[fd] || !stream) continue;
    pending.push(
      new Promise((resolve) => {
        stream.on('data', (chunk: Buffer) => run.output.write(name, chunk.toString()));
        stream.on('end', resolve);
        stream.on('error', () => resolve());
      }),
    );
  }
  for (const [fd, name] of [
    [0, 'stdin'],
    [1, 'stdout'],
    [2, 'stderr'],
  ] as const) {
    if (!inherited[fd]) continue;
    // As with 'inherit': the parent holds no stream of its own for it.
    (child as unknown as Record<string, unknown>)[name] = null;
    child.stdio[fd] = null as never;
  }
  if (pending.length > 0) {
    // An inheriting child's output is written before its parent hears of its exit.
    const emit = child.emit.bind(child);
    const done = Promise.all(pending);
    child.emit = ((event: string, ...args: unknown[]) => {
      if (event === 'exit' || event === 'close') {
        done.then(() => emit(event, ...args));
        return true;
      }
      return emit(event, ...args);
    }) as ChildProcess['emit'];
  }
  return child;
}

const asynchronous = {
  spawn(command: unknown, ...rest: unknown[]) {
    const run = currentRun.getStore();
    if (!run) return (realChildProcess.spawn as (...a: unknown[]) => ChildProcess)(command, ...rest);
    const { args, options } = splitArgs(rest);
    const opts = withRunDefaults(run, options);
    const { stdio, inherited } = normalizeStdio(opts.stdio, ['pipe', 'pipe', 'pipe']);
    opts.stdio = stdio;
    return wire(run, realChildProcess.spawn(command as string, (args ?? []) as string[], opts as never), inherited);
  },
  fork(modulePath: unknown, ...rest: unknown[]) {
    const run = currentRun.getStore();
    if (!run) return (realChildProcess.fork as (...a: unknown[]) => ChildProcess)(modulePath, ...rest);
    const { args, options } = splitArgs(rest);
    const opts = withRunDefaults(run, options);
    const fallback = opts.silent ? ['pipe', 'pipe', 'pipe', 'ipc'] : ['inherit', 'inherit', 'inherit', 'ipc'];
    const { stdio, inherited } = normalizeStdio(opts.stdio, fallback);
    opts.stdio = stdio;
    const file = path.resolve(run.cwd, String(modulePath));
    return wire(run, realChildProcess.fork(file, (args ?? []) as string[], opts as never), inherited);
  },
  exec(command: unknown, ...rest: unknown[]) {
    const run = currentRun.getStore();
    if (!run) return (realChildProcess.exec as (...a: unknown[]) => ChildProcess)(command, ...rest);
    const options = rest[0] !== null && typeof rest[0] === 'object' ? (rest.shift() as Options) : undefined;
    return (realChildProcess.exec as (...a: unknown[]) => ChildProcess)(command, withRunDefaults(run, options), ...rest);
  },
  execFile(file: unknown, ...rest: unknown[]) {
    const run = currentRun.getStore();
    if (!run) return (realChildProcess.execFile as (...a: unknown[]) => ChildProcess)(file, ...rest);
    const { args, options, tail } = splitArgs(rest);
    return (realChildProcess.execFile as (...a: unknown[]) => ChildProcess)(file, args ?? [], withRunDefaults(run, options), ...tail);
  },
};

type SpawnSyncResult = ReturnType<typeof realChildProcess.spawnSync>;

/** Writes what a synchronous child sent to its inherited streams into the run, as they would show. */
function forwardSync(run: RunState, result: SpawnSyncResult, inherited: boolean[]): SpawnSyncResult {
  for (const [fd, name] of [
    [1, 'stdout'],
    [2, 'stderr'],
  ] as const) {
    if (!inherited[fd]) continue;
    const output = result[name] as Buffer | string | null;
    if (output && output.length > 0) run.output.write(name, output.toString());
    (result as unknown as Record<string, unknown>)[name] = null;
    if (result.output) result.output[fd] = null;
  }
  return result;
}

const synchronous = {
  spawnSync(command: unknown, ...rest: unknown[]) {
    const run = currentRun.getStore();
    if (!run) return (realChildProcess.spawnSync as (...a: unknown[]) => SpawnSyncResult)(command, ...rest);
    const { args, options } = splitArgs(rest);
    const opts = withRunDefaults(run, options);
    const { stdio, inherited } = normalizeStdio(opts.stdio, ['pipe', 'pipe', 'pipe']);
    opts.stdio = stdio;
    if (inherited[0] && opts.input === undefined) opts.input = run.options.stdin;
    const result = realChildProcess.spawnSync(command as string, (args ?? []) as string[], opts as never);
    return forwardSync(run, result, inherited);
  },
  execSync(command: unknown, options?: Options) {
    const run = currentRun.getStore();
    if (!run) return realChildProcess.execSync(command as string, options as never);
    return runSync(run, options, (opts) => realChildProcess.execSync(command as string, opts as never));
  },
  execFileSync(file: unknown, ...rest: unknown[]) {
    const run = currentRun.getStore();
    if (!run) return (realChildProcess.execFileSync as (...a: unknown[]) => unknown)(file, ...rest);
    const { args, options } = splitArgs(rest);
    return runSync(run, options, (opts) => realChildProcess.execFileSync(file as string, (args ?? []) as string[], opts as never));
  },
};

/**
 * execSync/execFileSync with the run's inherited streams. (Without a `stdio` option Node writes
 * the child's stderr to `process.stderr` itself, which host-dispatch points at the run's.)
 */
function runSync(run: RunState, options: Options | undefined, call: (opts: Options) => unknown): unknown {
  const opts = withRunDefaults(run, options);
  if (opts.stdio === undefined) return call(opts);
  const { stdio, inherited } = normalizeStdio(opts.stdio, ['pipe', 'pipe', 'pipe']);
  opts.stdio = stdio;
  if (inherited[0] && opts.input === undefined) opts.input = run.options.stdin;
  const forward = (streams: { stdout?: unknown; stderr?: unknown }) => {
    if (inherited[1] && streams.stdout) run.output.write('stdout', String(streams.stdout));
    if (inherited[2] && streams.stderr) run.output.write('stderr', String(streams.stderr));
  };
  try {
    const output = call(opts);
    if (!inherited[1]) return output;
    forward({ stdout: output });
    return null;
  } catch (error) {
    forward(error as { stdout?: unknown; stderr?: unknown });
    throw error;
  }
}

for (const [name, value] of Object.entries({ ...asynchronous, ...synchronous })) {
  Object.defineProperty(childProcessFacade, name, { configurable: true, enumerable: true, writable: true, value });
}
