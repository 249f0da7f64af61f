import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Volume } from 'memfs';
import { RunAsMainUsageError } from './errors.js';
import { checkCwd, checkFilesKeys, checkInitGlobals } from './option-checks.js';

export type StdinInput = string | Uint8Array | ReadonlyArray<string | Uint8Array>;

export interface TtySize {
  columns?: number;
  rows?: number;
}

/** Options of every run function (SPEC §2, RunOptions). */
export interface RunOptions {
  /** Arguments after the script: `process.argv.slice(2)`. */
  argv?: readonly string[];
  /** Free variables the main script sees (Python's `init_globals`); never mutated. */
  initGlobals?: Record<string, unknown>;
  /** `'main'` (default) runs the script as the main module; any other value as an imported one. */
  runName?: string;
  /** Merged over the host's environment unless `extendEnv: false`. */
  env?: Record<string, string | undefined>;
  extendEnv?: boolean;
  /** The run's working directory (default: the host's `process.cwd()`). Virtual: never chdir'd. */
  cwd?: string | URL;
  /** What the script reads from stdin; end of input after it. Empty by default. */
  stdin?: StdinInput;
  /** Milliseconds before the run is ended with exit code 124 (default 4 000). */
  timeout?: number;
  /** Make stdout/stderr terminals (`isTTY`), optionally of a given size. Off by default. */
  tty?: boolean | TtySize;
  /** `'fresh'` (default): every module is evaluated anew per run; `'shared'`: node_modules once. */
  modules?: 'fresh' | 'shared';
  /**
   * Module specifier → what the run gets instead: the module's exports, or an arrow function
   * returning them, called once per run. (A `function` or class is taken as the exports
   * themselves, as for a module that exports one.) Keys resolve as the script's imports do: a
   * bare specifier or builtin, a path relative to cwd, an absolute path or `file:` URL, the `.ts`
   * file behind `./x.js` (loader/mocks.ts); those nothing imported are `result.unusedMocks`.
   */
  mocks?: Record<string, unknown>;
  /** Also write the run's stdout/stderr to the host's as they happen. */
  echo?: boolean;
  /**
   * Files the run's filesystem starts with: `{ path: content }` (relative to `cwd`; `null` or a
   * key ending in `/` is an empty directory), or a memfs Volume (copied, never changed).
   */
  files?: Record<string, string | Uint8Array | null> | Volume;
  /** `'memory'` (default): writes in memory, the script's packages readable beneath; `'overlay'`: the whole disk readable beneath; `'real'`: no interception. */
  fs?: 'memory' | 'overlay' | 'real';
}

export interface NormalizedOptions {
  argv: string[];
  initGlobals: Record<string, unknown>;
  runName: string;
  readonly env: Record<string, string>;
  cwd: string;
  stdin: Buffer;
  timeout: number;
  timeoutExplicit: boolean;
  tty: { columns: number; rows: number } | undefined;
  modules: 'fresh' | 'shared';
  mocks: Map<string, unknown>;
  echo: boolean;
  fs: 'memory' | 'overlay' | 'real';
  files: Record<string, string | Uint8Array | null> | undefined;
  /** Where an archive target was unpacked (archive.ts): the disk beneath is hidden, its modules never shared. */
  archiveRoot?: string;
}

export const DEFAULT_TIMEOUT_MS = 4_000;

/** The host's colour variables are not inherited, so output is the same in a terminal and in CI. */
const COLOUR_VARIABLES = ['FORCE_COLOR', 'NO_COLOR', 'COLORTERM'];

const KNOWN_OPTIONS = new Set([
  'argv',
  'initGlobals',
  'runName',
  'env',
  'extendEnv',
  'cwd',
  'stdin',
  'timeout',
  'tty',
  'modules',
  'mocks',
  'echo',
  'files',
  'fs',
  'filename',
]);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'object') return `an object (${Object.prototype.toString.call(value)})`;
  return `${typeof value} ${String(value)}`;
}

function fail(option: string, expected: string, received: unknown): never {
  throw new RunAsMainUsageError(
    `Option \`${option}\` must be ${expected}; received ${describe(received)}.`,
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A path or `file:` URL, made absolute against `base`. */
export function toAbsolutePath(option: string, value: unknown, base: string): string {
  if (value instanceof URL) {
    if (value.protocol !== 'file:') fail(option, 'a path or a file: URL', value.href);
    return fileURLToPath(value);
  }
  if (typeof value !== 'string' || value === '') fail(option, 'a non-empty path string or a file: URL', value);
  if (value.startsWith('file:')) return fileURLToPath(value);
  return path.resolve(base, value);
}

/** No input: one empty buffer for every run that gives none (it has no bytes to change). */
const NO_STDIN = Buffer.alloc(0);

function normalizeStdin(value: unknown): Buffer {
  if (value === undefined) return NO_STDIN;
  if (typeof value === 'string') return Buffer.from(value);
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (Array.isArray(value)) {
    return Buffer.concat(
      value.map((chunk, index) => {
        if (typeof chunk === 'string') return Buffer.from(chunk);
        if (chunk instanceof Uint8Array) return chunk;
        return fail(`stdin[${index}]`, 'a string or bytes', chunk);
      }),
    );
  }
  return fail('stdin', 'a string, bytes (Uint8Array/Buffer) or an array of them', value);
}

/** The host's own environment object, read before any run can stand in for `process.env`. */
const hostEnv = process.env;

function validateEnv(env: unknown): void {
  if (env === undefined) return;
  if (!isPlainObject(env)) fail('env', 'a plain object of strings', env);
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      fail(`env.${key}`, 'a string (or undefined to unset it)', value);
    }
  }
}

/** The run's environment: the host's (less its colour variables) with `env` over it. */
function mergeEnv(env: Record<string, unknown> | undefined, extendEnv: boolean): Record<string, string> {
  const result: Record<string, string> = {};
  if (extendEnv) {
    for (const key of Object.keys(hostEnv)) {
      const value = hostEnv[key];
      if (value !== undefined && !COLOUR_VARIABLES.includes(key)) result[key] = value;
    }
  }
  for (const [key, value] of Object.entries(env ?? {})) {
    if (value === undefined) delete result[key];
    else result[key] = String(value);
  }
  return result;
}

function normalizeTty(value: unknown): NormalizedOptions['tty'] {
  if (value === undefined || value === false) return undefined;
  if (value === true) return { columns: 80, rows: 24 };
  if (!isPlainObject(value)) fail('tty', 'a boolean or { columns, rows }', value);
  const size = value as TtySize;
  for (const key of ['columns', 'rows'] as const) {
    const n = size[key];
    if (n !== undefined && (!Number.isInteger(n) || n <= 0)) fail(`tty.${key}`, 'a positive integer', n);
  }
  return { columns: size.columns ?? 80, rows: size.rows ?? 24 };
}

/** `files` as path → content; a memfs Volume is read (copied), never changed. */
function normalizeFiles(files: unknown): NormalizedOptions['files'] {
  if (files === undefined) return undefined;
  if (files !== null && typeof files === 'object' && typeof (files as Volume).toJSON === 'function' && 'readFileSync' in files) {
    const volume = files as Volume;
    const copy: Record<string, string | Uint8Array | null> = {};
    const walk = (directory: string): void => {
      for (const name of volume.readdirSync(directory) as string[]) {
        const file = path.posix.join(directory, name);
        if (volume.statSync(file).isDirectory()) {
          copy[`${file}/`] = null;
          walk(file);
        } else copy[file] = volume.readFileSync(file) as Buffer;
      }
    };
    walk('/');
    return copy;
  }
  if (!isPlainObject(files)) fail('files', 'a { path: content } object or a memfs Volume', files);
  for (const [key, content] of Object.entries(files)) {
    if (content !== null && typeof content !== 'string' && !(content instanceof Uint8Array)) {
      fail(`files[${JSON.stringify(key)}]`, 'a string, bytes, or null for an empty directory', content);
    }
  }
  return { ...(files as Record<string, string | Uint8Array | null>) };
}

/** Node's timers hold at most 2^31 − 1 ms (about 24.8 days); a longer delay becomes 1 ms, with a warning. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Validates options at once, naming the option, what was expected and what was received. */
export function normalizeOptions(options: unknown): NormalizedOptions {
  if (options === undefined) options = {};
  if (!isPlainObject(options)) fail('options', 'a plain object', options);
  const o = options as RunOptions & Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!KNOWN_OPTIONS.has(key)) {
      throw new RunAsMainUsageError(
        `Unknown option \`${key}\`. Known options: ${[...KNOWN_OPTIONS].filter((k) => k !== 'filename').join(', ')}.`,
      );
    }
  }

  const cwd = o.cwd === undefined ? process.cwd() : toAbsolutePath('cwd', o.cwd, process.cwd());

  if (o.argv !== undefined) {
    if (!Array.isArray(o.argv)) fail('argv', 'an array of strings (the arguments after the script)', o.argv);
    o.argv.forEach((arg, index) => {
      if (typeof arg !== 'string') {
        throw new RunAsMainUsageError(
          `Option \`argv\` must be an array of strings (the arguments after the script); received an array whose element ${index} is ${describe(arg)}.`,
        );
      }
    });
  }
  checkInitGlobals(o.initGlobals);
  if (o.runName !== undefined && typeof o.runName !== 'string') fail('runName', 'a string', o.runName);
  if (o.extendEnv !== undefined && typeof o.extendEnv !== 'boolean') fail('extendEnv', 'a boolean', o.extendEnv);
  if (o.timeout !== undefined && (typeof o.timeout !== 'number' || !(o.timeout > 0) || o.timeout > MAX_TIMEOUT_MS)) {
    fail('timeout', `a positive number of milliseconds, at most ${MAX_TIMEOUT_MS} (a timer's longest delay)`, o.timeout);
  }
  if (o.modules !== undefined && o.modules !== 'fresh' && o.modules !== 'shared') {
    fail('modules', "'fresh' or 'shared'", o.modules);
  }
  if (o.mocks !== undefined && !isPlainObject(o.mocks)) fail('mocks', 'a plain object of specifier → module', o.mocks);
  if (o.echo !== undefined && typeof o.echo !== 'boolean') fail('echo', 'a boolean', o.echo);

  if (o.fs !== undefined && o.fs !== 'memory' && o.fs !== 'overlay' && o.fs !== 'real') {
    fail('fs', "'memory', 'overlay' or 'real'", o.fs);
  }
  if (o.cwd !== undefined) checkCwd(cwd, o.fs ?? 'memory');
  const files = normalizeFiles(o.files);
  if (files) checkFilesKeys(files, cwd);
  validateEnv(o.env);
  return new RunOptionsNormalized(o, cwd, files);
}

const NO_MOCKS: ReadonlyMap<string, unknown> = new Map();

/**
 * Validated options. A class, with the environment a getter on its prototype (copying the host's
 * environment is the dearest part of a run: done when first read): an object literal with a
 * getter would make each run's options an object V8 may keep past its run (CONTRIBUTING.md).
 */
class RunOptionsNormalized implements NormalizedOptions {
  readonly argv: string[];
  readonly initGlobals: Record<string, unknown>;
  readonly runName: string;
  readonly stdin: Buffer;
  readonly timeout: number;
  readonly timeoutExplicit: boolean;
  readonly tty: NormalizedOptions['tty'];
  readonly modules: 'fresh' | 'shared';
  readonly mocks: Map<string, unknown>;
  readonly echo: boolean;
  readonly fs: 'memory' | 'overlay' | 'real';
  private readonly envGiven: Record<string, string | undefined> | undefined;
  private readonly extendEnv: boolean;
  private mergedEnv: Record<string, string> | undefined;

  constructor(
    o: RunOptions,
    readonly cwd: string,
    readonly files: NormalizedOptions['files'],
  ) {
    this.argv = o.argv ? [...o.argv] : [];
    this.initGlobals = { ...(o.initGlobals ?? {}) };
    this.runName = o.runName ?? 'main';
    this.stdin = normalizeStdin(o.stdin);
    this.timeout = o.timeout ?? DEFAULT_TIMEOUT_MS;
    this.timeoutExplicit = o.timeout !== undefined;
    this.tty = normalizeTty(o.tty);
    this.modules = o.modules ?? 'fresh';
    // Only read by the loader: the shared empty map is never written.
    this.mocks = o.mocks ? new Map(Object.entries(o.mocks)) : (NO_MOCKS as Map<string, unknown>);
    this.echo = o.echo ?? false;
    this.fs = o.fs ?? 'memory';
    this.envGiven = o.env === undefined ? undefined : { ...o.env };
    this.extendEnv = o.extendEnv ?? true;
  }

  get env(): Record<string, string> {
    this.mergedEnv ??= mergeEnv(this.envGiven, this.extendEnv);
    return this.mergedEnv;
  }
}
