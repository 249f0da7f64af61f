import { parseArgs } from 'node:util';

/** Misuse of the command line: one line on stderr, exit status 2. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

export type FsMode = 'memory' | 'overlay' | 'real';

/** What the command line asks for. */
export type CliInvocation =
  | { kind: 'help' }
  | { kind: 'version' }
  | ({ kind: 'run' } & CliRun);

export interface CliRun {
  /** The script as given (relative to the run's cwd), or undefined with `-m`. */
  script: string | undefined;
  /** `-m <specifier>`: a package or module run by name. */
  module: string | undefined;
  /** What follows the script: its `process.argv.slice(2)`. */
  args: string[];
  json: boolean;
  compare: boolean;
  /** `--files <dir>`, as given (relative to this process's cwd). */
  files: string | undefined;
  /** `--init NAME=JSON`, parsed, in the order given. */
  init: [name: string, value: unknown][];
  fs: FsMode | undefined;
  timeout: number | undefined;
  cwd: string | undefined;
  /** `--stdin <file|->`, as given. */
  stdin: string | undefined;
}

const OPTIONS = {
  json: { type: 'boolean' },
  compare: { type: 'boolean' },
  module: { type: 'string', short: 'm' },
  files: { type: 'string' },
  init: { type: 'string', multiple: true },
  fs: { type: 'string' },
  timeout: { type: 'string' },
  cwd: { type: 'string' },
  stdin: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type OptionName = keyof typeof OPTIONS;

const SHORT = new Map<string, string>(
  Object.entries(OPTIONS).flatMap(([name, option]): [string, string][] => ('short' in option ? [[option.short, name]] : [])),
);

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

function optionName(token: string): string | undefined {
  if (token.startsWith('--')) return token.slice(2).split('=')[0];
  return SHORT.get(token[1] ?? '');
}

/**
 * Where the command's own options end: at the first argument that is not an option or an
 * option's value (the script, or with `-m` the module's first argument), or at `--`. What
 * follows belongs to the script, as with `node script.js …`.
 */
function splitAt(argv: readonly string[]): { own: string[]; rest: string[]; dashes: boolean } {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--') return { own: argv.slice(0, index), rest: argv.slice(index + 1), dashes: true };
    if (!arg.startsWith('-') || arg === '-') return { own: argv.slice(0, index), rest: argv.slice(index), dashes: false };
    const name = optionName(arg);
    const option = name === undefined ? undefined : (OPTIONS as Record<string, { type: string }>)[name];
    // A value option takes the next argument, unless its value is inline (`--fs=real`, `-mpkg`).
    const inline = arg.startsWith('--') ? arg.includes('=') : arg.length > 2;
    if (option?.type === 'string' && !inline) index++;
  }
  return { own: [...argv], rest: [], dashes: false };
}

/**
 * The command line read: `run-as-main [options] <script> [--] [args...]` or
 * `run-as-main [options] -m <module> [--] [args...]`. Throws CliUsageError, with a message of
 * one line, for anything it cannot take.
 */
export function parseCliArgs(argv: readonly string[]): CliInvocation {
  const { own, rest, dashes } = splitAt(argv);
  const { tokens } = parseArgs({ args: own, options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const seen = new Set<string>();
  const values: Partial<Record<OptionName, string | boolean>> = {};
  const init: CliRun['init'] = [];
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = (OPTIONS as Record<string, { type: string; multiple?: boolean }>)[token.name];
    if (!option) throw new CliUsageError(`unknown option ${token.rawName} (see run-as-main --help)`);
    if (option.type === 'boolean' && token.value !== undefined) {
      throw new CliUsageError(`${token.rawName} takes no value; received ${JSON.stringify(token.value)}`);
    }
    if (option.type === 'string' && token.value === undefined) throw new CliUsageError(`${token.rawName} needs a value`);
    if (!option.multiple && seen.has(token.name)) throw new CliUsageError(`${token.rawName} is given twice`);
    seen.add(token.name);
    if (token.name === 'init') init.push(parseInit(token.value!, init));
    else values[token.name as OptionName] = option.type === 'boolean' ? true : token.value!;
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const options = {
    json: values.json === true,
    compare: values.compare === true,
    files: nonEmpty('--files', values.files),
    init,
    fs: fsMode(values.fs as string | undefined),
    timeout: timeoutOf(values.timeout as string | undefined),
    cwd: nonEmpty('--cwd', values.cwd),
    stdin: nonEmpty('--stdin', values.stdin),
  };
  const module = values.module as string | undefined;
  if (module === '') throw new CliUsageError('-m needs a module specifier, such as a package name');
  let script: string | undefined;
  let args = rest;
  if (module === undefined) {
    [script, ...args] = rest;
    if (script === undefined || script === '') {
      throw new CliUsageError('no script given: run-as-main <script> [-- args...], or -m <module> (see run-as-main --help)');
    }
    // `run-as-main script.js -- args`: the `--` after the script only marks where its arguments start.
    if (!dashes && args[0] === '--') args = args.slice(1);
  }
  return { kind: 'run', script, module, args, ...options };
}

function nonEmpty(flag: string, value: string | boolean | undefined): string | undefined {
  if (value === '') throw new CliUsageError(`${flag} needs a value`);
  return value as string | undefined;
}

function parseInit(text: string, earlier: CliRun['init']): [string, unknown] {
  const equals = text.indexOf('=');
  if (equals === -1) throw new CliUsageError(`--init takes NAME=JSON (as in --init N=5); received ${JSON.stringify(text)}`);
  const name = text.slice(0, equals);
  if (!IDENTIFIER.test(name)) throw new CliUsageError(`--init ${text}: ${JSON.stringify(name)} is not a name a script can use as a variable`);
  if (earlier.some(([other]) => other === name)) throw new CliUsageError(`--init ${name} is given twice`);
  try {
    return [name, JSON.parse(text.slice(equals + 1))];
  } catch (error) {
    throw new CliUsageError(
      `--init ${name}: the value is not JSON (${(error as Error).message}); a string is written with its quotes, as in ${name}='"text"'`,
    );
  }
}

function fsMode(value: string | undefined): FsMode | undefined {
  if (value === undefined || value === 'memory' || value === 'overlay' || value === 'real') return value;
  throw new CliUsageError(`--fs takes memory, overlay or real; received ${JSON.stringify(value)}`);
}

function timeoutOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = /^\d+(?:\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(ms > 0) || ms > MAX_TIMEOUT_MS) {
    throw new CliUsageError(`--timeout takes a number of milliseconds from 1 to ${MAX_TIMEOUT_MS}; received ${JSON.stringify(value)}`);
  }
  return ms;
}

/** Arguments as a POSIX shell reads them back: `word-count.cjs 'the cat' --top 2`. */
export function shellCommand(args: readonly string[]): string {
  return args.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}
