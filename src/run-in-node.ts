import { spawn } from 'node:child_process';
import { isUtf8 } from 'node:buffer';
import {
  copyFileSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { constants, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileFunction } from 'node:vm';
import { isArchiveTarget, prepareArchiveTarget } from './archive.js';
import { RunAsMainUsageError } from './errors.js';
import { needsTransform, TYPESCRIPT_OPTIONS } from './loader/transform-ts.js';
import { type NormalizedOptions, normalizeOptions, type RunOptions } from './options.js';
import { createRunResult, type RunResult } from './result.js';
import { withSeededFiles } from './loader/layered-fs.js';
import { realFs } from './loader/resolve-fs.js';
import { resolveEntry } from './target.js';
import { setRunLocation } from './result-location.js';

/** The exit code of a run ended at its `timeout`, as GNU `timeout` reports it. */
const TIMEOUT_EXIT_CODE = 124;

/** How long output may still arrive after the child exited (its own arrives within milliseconds). */
const EXIT_GRACE_MS = 200;

/**
 * Runs `target` in a real `node` (`process.execPath`) child process — the parity oracle that
 * `runAsMain` is compared with (SPEC §2): the same entry file (`resolveEntry`), argv, env (merged
 * as `normalizeOptions` merges it), cwd and stdin; killed with SIGKILL and exit code 124 at
 * `timeout`. TypeScript (and JSX) targets run as the JavaScript of the same oxc transform, through
 * module hooks registered in the child; their stack traces point at the .ts lines.
 *
 * With `files`, the child runs in a fresh temporary directory that stands in for the disk under
 * the run's cwd, and never writes to the real one through paths relative to its cwd:
 * - The temporary directory mirrors the absolute layout (`<tmp>/root/work/app` stands for
 *   `/work/app`), so `..` from cwd stays inside it; every `files` entry is written there at its
 *   place (relative to cwd; `null` or a trailing `/` makes an empty directory), and the child's
 *   cwd is the stand-in for cwd. `os.tmpdir()` (through `TMPDIR`) is a mirrored, empty directory.
 * - The entry is looked up in `files` first, then on disk, as the in-process run does. An entry
 *   among `files` runs from the temporary tree. An entry on disk *under cwd* is copied into it at
 *   its place, so the tree the script sees around it is the one `files` describes (reads and
 *   writes relative to its `__dirname`, `path.relative(process.cwd(), __filename)`), together with
 *   its package scope's package.json (its module type, `imports` and version stay the same). What
 *   such an entry imports that is not in the temporary tree (its sibling modules, node_modules)
 *   resolves from its place on disk, as the in-process loader falls back to the disk (through a
 *   `--require` preload and module hooks, which `process.execArgv` shows); to read other data
 *   files of its package, put them in `files`. An entry *outside* cwd (a CLI run against a
 *   fixture directory) runs where it is, with its package as it is; only its cwd is the
 *   stand-in, so a path between the two (`path.relative(process.cwd(), __dirname)`) is not the
 *   in-process one.
 * - Paths of the temporary tree in stdout, stderr and output are written as the paths they stand
 *   for. `result.files` is the tree's difference from the seeded one: regular files created or
 *   changed (a new inode, ctime or content) as UTF-8 strings or Buffers, deleted ones as `null`;
 *   keys POSIX-relative to cwd inside it, absolute outside. Directories and symbolic links are
 *   not listed, as in-process. The temporary directory is removed afterwards, after a timeout too.
 * - Absolute paths the script spells out itself, and what modules loaded from disk write next to
 *   themselves, still reach the real disk: this is an oracle, not a sandbox.
 * - An archive target (archive.ts) is unpacked into the temporary tree at
 *   `<cwd>/node_modules/<name>/`, as in-process. What it lacks resolves from disk like any module
 *   of the tree: a copy of the package installed on disk at that place would show through, where
 *   in-process it does not.
 *
 * It does NOT give a namespace or exports (always `{}`), an `error` object, a traceback, pending
 * resources or `fs`. Options a real process cannot reproduce are misuse: non-empty `initGlobals`
 * or `mocks`, `modules: 'shared'`, a `runName` other than `'main'`, `tty`, and `files` with
 * `fs: 'real'` (they would have to be written to the real disk).
 *
 * @example
 * const node = await runInNode('bin/cli.js', { argv: ['--help'] });
 * const inProcess = await runAsMain('bin/cli.js', { argv: ['--help'] });
 * expect(inProcess.stdout).toBe(node.stdout);
 */
export async function runInNode(target: string | URL, options?: RunOptions): Promise<RunResult> {
  const normalized = normalizeOptions(options);
  assertReproducible(normalized);
  // An archive runs from the temporary tree, unpacked there as in-process (archive.ts).
  if (isArchiveTarget(target)) target = await prepareArchiveTarget(target, normalized);
  const { files } = normalized;
  if (files === undefined && statSync(normalized.cwd, { throwIfNoEntry: false })?.isDirectory() !== true) {
    throw new RunAsMainUsageError(
      `Option \`cwd\` must be an existing directory for runInNode; ${normalized.cwd} is not one.`,
    );
  }
  const entry = resolveEntry(target, normalized.cwd, withSeededFiles(realFs, normalized));
  const typescript = needsTransform(entry);
  const workDir = files || typescript ? makeWorkDir() : undefined;
  try {
    const tree = files && workDir ? materialize(path.join(workDir, 'root'), files, normalized, entry) : undefined;
    const loaderDir = workDir && (typescript || tree?.entryMirrored) ? path.join(workDir, 'loader') : undefined;
    const nodeArgs = loaderDir ? writeLoader(loaderDir, typescript, tree?.root, tree?.entryCommonJs === true) : [];
    const env = tree ? { ...normalized.env, ...tree.env } : normalized.env;
    const result = await spawnNode([...nodeArgs, tree?.entry ?? entry, ...normalized.argv], {
      ...normalized,
      cwd: tree?.cwd ?? normalized.cwd,
      env,
    });
    const restore = (text: string): string => {
      const shown = loaderDir ? hideLoaderPaths(text, loaderDir) : text;
      return tree ? tree.restorePaths(shown) : shown;
    };
    result.stdout = restore(result.stdout);
    result.stderr = restore(result.stderr);
    result.output = restore(result.output);
    if (tree) result.files = tree.changes();
    setRunLocation(result, normalized.cwd, entry);
    return result;
  } finally {
    if (workDir) removeWorkDir(workDir);
  }
}

function assertReproducible(options: NormalizedOptions): void {
  const refuse = (option: string, why: string): never => {
    throw new RunAsMainUsageError(
      `runInNode cannot reproduce the option \`${option}\` in a real node process: ${why}. Drop it from the options passed to runInNode, or compare with runAsMain alone.`,
    );
  };
  if (Object.keys(options.initGlobals).length > 0) refuse('initGlobals', 'a node process has no way to inject free variables into its main script');
  if (options.mocks.size > 0) refuse('mocks', 'a node process loads the real modules');
  if (options.modules === 'shared') refuse('modules', "a fresh node process evaluates every module anew, as `modules: 'fresh'` does");
  if (options.runName !== 'main') refuse('runName', `node always runs its script as the main module, not as ${JSON.stringify(options.runName)}`);
  if (options.tty) refuse('tty', "the child's stdout and stderr are pipes, not terminals");
  if (options.files !== undefined && options.fs === 'real') {
    refuse('files', "with `fs: 'real'` they would have to be written to the real disk, which runInNode never does");
  }
}

/** One temporary directory per run: `root/` (the mirrored tree) and `loader/` (module hooks). */
function makeWorkDir(): string {
  return realpathSync(mkdtempSync(path.join(tmpdir(), 'run-as-main-')));
}

function removeWorkDir(dir: string): void {
  try {
    // After a timeout the killed processes may still be going away: retried.
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  } catch {
    // never hides the run's own result or error; the OS cleans its temporary directory
  }
}

const isEmptyDirectoryKey = (key: string, content: unknown): boolean => content === null || key.endsWith('/');

/** The disk with `files` over it (absolute path → content, `null` for a directory): where the entry is looked up. */
function seededEntries(files: Record<string, string | Uint8Array | null>, cwd: string): Map<string, Uint8Array | string | null> {
  const seeded = new Map<string, Uint8Array | string | null>();
  for (const [key, content] of Object.entries(files)) {
    const file = path.resolve(cwd, key);
    seeded.set(file, isEmptyDirectoryKey(key, content) ? null : content);
    for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      if (seeded.get(dir) === null) break;
      seeded.set(dir, null);
    }
  }
  return seeded;
}

/** `path` inside `dir` (or `dir` itself)? */
function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/** What `os.tmpdir()` gives a child with this environment. */
function tmpdirFor(env: Record<string, string>): string {
  if (process.platform === 'win32') return tmpdir();
  const dir = env.TMPDIR || env.TMP || env.TEMP || '/tmp';
  return dir.length > 1 && dir.endsWith('/') ? dir.slice(0, -1) : dir;
}

interface FileState {
  content: Buffer;
  ino: bigint;
  ctimeNs: bigint;
}

/** The regular files below `dir` (symbolic links not followed). */
function regularFiles(dir: string, into = new Map<string, FileState>()): Map<string, FileState> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return into;
  }
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      const stats = lstatSync(file, { bigint: true });
      if (stats.isDirectory()) regularFiles(file, into);
      else if (stats.isFile()) into.set(file, { content: readFileSync(file), ino: stats.ino, ctimeNs: stats.ctimeNs });
    } catch {
      // gone or unreadable: not reported
    }
  }
  return into;
}

interface MaterializedTree {
  root: string;
  /** The child's cwd: the stand-in for the run's. */
  cwd: string;
  /** The entry the child runs: in the tree, or on disk when it lives outside cwd. */
  entry: string;
  entryMirrored: boolean;
  /** Node runs the entry as CommonJS (so its imports need no ES module hooks). */
  entryCommonJs: boolean;
  env: Record<string, string>;
  restorePaths(text: string): string;
  changes(): RunResult['files'];
}

/**
 * Writes `files` into `root`, which mirrors the absolute layout of the disk, with the entry (when
 * it lives under cwd) and its package.json; see runInNode.
 */
function materialize(
  root: string,
  files: Record<string, string | Uint8Array | null>,
  options: NormalizedOptions,
  entry: string,
): MaterializedTree {
  const { cwd } = options;
  const toMirror = (file: string): string => {
    const { root: fsRoot } = path.parse(file);
    // C:\x → <root>\C\x on Windows; /x → <root>/x elsewhere
    return path.join(root, fsRoot.replace(/[:\\/]+/g, ''), file.slice(fsRoot.length));
  };
  const fromMirror = (file: string): string => {
    const relative = path.relative(root, file);
    if (process.platform !== 'win32') return `/${relative}`;
    const [drive = '', ...rest] = relative.split(path.sep);
    return `${drive}:\\${rest.join(path.sep)}`;
  };

  mkdirSync(toMirror(cwd), { recursive: true });
  const tmp = tmpdirFor(options.env);
  mkdirSync(toMirror(tmp), { recursive: true });
  for (const [key, content] of Object.entries(files)) {
    const file = toMirror(path.resolve(cwd, key));
    if (isEmptyDirectoryKey(key, content)) {
      mkdirSync(file, { recursive: true });
      continue;
    }
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content as string | Uint8Array);
  }

  const seeded = seededEntries(files, cwd);
  const view = withSeededFiles(realFs, { files, fs: 'memory', cwd });
  let entryMirrored = seeded.has(entry);
  if (!entryMirrored && isInside(cwd, entry)) {
    mkdirSync(path.dirname(toMirror(entry)), { recursive: true });
    copyFileSync(entry, toMirror(entry));
    entryMirrored = true;
  }
  let packageType: unknown;
  if (entryMirrored) {
    // The package scope decides the module type: its package.json comes along when on disk.
    for (let dir = path.dirname(entry); ; dir = path.dirname(dir)) {
      const manifest = path.join(dir, 'package.json');
      if (view.kind(manifest) === 'file') {
        if (!seeded.has(manifest)) {
          mkdirSync(path.dirname(toMirror(manifest)), { recursive: true });
          copyFileSync(manifest, toMirror(manifest));
        }
        try {
          packageType = (JSON.parse(view.readFile(manifest) ?? '') as { type?: unknown } | null)?.type;
        } catch {
          // node reports it
        }
        break;
      }
      if (dir === path.dirname(dir)) break;
    }
  }
  const baseline = regularFiles(root);

  const spellings = [...new Set([root, realpathOrSelf(root)])];
  return {
    root,
    cwd: toMirror(cwd),
    entry: entryMirrored ? toMirror(entry) : entry,
    entryMirrored,
    entryCommonJs: entryMirrored && runsAsCommonJs(entry, packageType, () => view.readFile(entry) ?? ''),
    env: process.platform === 'win32' ? { TEMP: toMirror(tmp), TMP: toMirror(tmp) } : { TMPDIR: toMirror(tmp) },
    restorePaths(text) {
      for (const spelling of spellings) {
        const url = pathToFileURL(spelling).href;
        text = text.split(`${url}/`).join('file:///');
        if (process.platform === 'win32') {
          text = text.replace(new RegExp(`${escapeRegExp(spelling)}\\\\([A-Za-z])(?=\\\\|\\b)`, 'g'), '$1:');
        } else {
          text = text.split(`${spelling}/`).join('/').split(spelling).join('/');
        }
      }
      return text;
    },
    changes() {
      const after = regularFiles(root);
      const changed = new Map<string, Buffer | null>();
      for (const [file, state] of after) {
        const before = baseline.get(file);
        if (!before || before.ino !== state.ino || before.ctimeNs !== state.ctimeNs || !before.content.equals(state.content)) {
          changed.set(fromMirror(file), state.content);
        }
      }
      for (const file of baseline.keys()) if (!after.has(file)) changed.set(fromMirror(file), null);
      const result: RunResult['files'] = {};
      for (const file of [...changed.keys()].sort()) {
        const content = changed.get(file)!;
        const relative = path.relative(cwd, file);
        const key = isInside(cwd, file) ? relative.split(path.sep).join('/') : file;
        result[key] = content === null ? null : isUtf8(content) ? content.toString('utf8') : content;
      }
      return result;
    },
  };
}

/**
 * Whether node runs `entry` as CommonJS: by its extension, its package's "type", and with no
 * "type" by whether it compiles as CommonJS (Node's syntax detection, roughly).
 */
function runsAsCommonJs(entry: string, packageType: unknown, source: () => string): boolean {
  const extension = path.extname(entry);
  if (extension === '.cjs') return true;
  if (extension !== '.js') return false;
  if (packageType === 'module' || packageType === 'commonjs') return packageType === 'commonjs';
  try {
    compileFunction(source(), ['exports', 'require', 'module', '__filename', '__dirname']);
    return true;
  } catch {
    return false;
  }
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function spawnNode(args: string[], options: NormalizedOptions): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // Its own process group (POSIX), so a timeout also kills the processes the script started.
    const detached = process.platform !== 'win32';
    const child = spawn(process.execPath, args, {
      argv0: 'node', // as typed in a shell: process.argv0 is 'node' in-process too
      cwd: options.cwd,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached,
      windowsHide: true,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    // Decoded per stream, so a character split between two chunks of one stream stays whole
    const output: string[] = [];
    const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
    let timedOut = false;
    let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;

    const kill = () => {
      try {
        if (detached && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      if (!exited) timedOut = true;
      kill();
      child.stdout.destroy();
      child.stderr.destroy();
      finish();
    }, options.timeout);

    child.stdout.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      output.push(decoders.stdout.write(chunk));
      if (options.echo) process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      output.push(decoders.stderr.write(chunk));
      if (options.echo) process.stderr.write(chunk);
    });
    // A script that exits without reading its stdin closes the pipe under us (EPIPE).
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdin);

    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    // Normally 'close' follows 'exit' at once; processes the script started may hold its pipes open
    // for longer, and the run does not wait for them — node would not.
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish();
      }, EXIT_GRACE_MS).unref();
    });
    child.on('close', (code, signal) => {
      exited ??= { code, signal };
      finish();
    });

    let finished = false;
    function finish(): void {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      // Nothing of a run keeps running after it (SPEC §3.8): not even what the script started.
      kill();
      const signal = !timedOut && exited?.signal ? exited.signal : undefined;
      const exitCode = timedOut
        ? TIMEOUT_EXIT_CODE
        : signal
          ? 128 + (constants.signals[signal] ?? 0)
          : (exited?.code ?? TIMEOUT_EXIT_CODE);
      resolve(
        createRunResult({
          exitCode,
          signal,
          stdout: Buffer.concat(stdout).toString(),
          stderr: Buffer.concat(stderr).toString(),
          output: output.join('') + decoders.stdout.end() + decoders.stderr.end(),
          durationMs: performance.now() - started,
          files: {},
          timedOut,
        }),
      );
    }
  });
}

/**
 * Stack frames in the loader files are run-as-main's own, which the in-process traceback drops
 * too; any other mention of the temporary directory is replaced by a stable name.
 */
function hideLoaderPaths(text: string, loaderDir: string): string {
  const spellings = [...new Set([loaderDir, realpathOrSelf(loaderDir)])].flatMap((dir) => [
    pathToFileURL(dir).href,
    dir,
  ]);
  const kept: string[] = [];
  for (const line of text.split('\n')) {
    const frame = /^(\s+at .*?\)?)((?: \{|,)?)$/.exec(line);
    if (!frame || !spellings.some((spelling) => line.includes(spelling))) kept.push(line);
    // what followed the frame (the ` {` opening the error's own properties) stays, on the line before
    else if (frame[2] && kept.length > 0) kept[kept.length - 1] += frame[2];
  }
  let result = kept.join('\n');
  for (const spelling of spellings) result = result.split(spelling).join('<run-as-main loader>');
  return result;
}

function realpathOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/**
 * Writes the child's preload and its module hooks into `dir`, and returns the node arguments that
 * load them: for a TypeScript entry `--import register.mjs` (the transform, source maps, and the
 * disk fallback of a mirrored tree); for a JavaScript entry running from the mirrored tree at
 * `mirror`, only the fallback of its imports to the disk, as `--require register.cjs` — a
 * preload that, unlike `--import`, leaves a CommonJS entry run as plain `node` runs it (its
 * process.nextTick callbacks before its promise jobs).
 */
function writeLoader(dir: string, typescript: boolean, mirror: string | undefined, commonJsEntry: boolean): string[] {
  const require = createRequire(import.meta.url);
  const config = {
    anchor: fileURLToPath(import.meta.url),
    oxcTransform: require.resolve('oxc-transform'),
    options: TYPESCRIPT_OPTIONS,
    typescript,
    mirror: mirror ?? null,
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'hooks.mjs'), HOOKS_SOURCE.replace('__CONFIG__', JSON.stringify(config)));
  if (typescript) {
    writeFileSync(path.join(dir, 'register.mjs'), REGISTER_SOURCE);
    return ['--import', pathToFileURL(path.join(dir, 'register.mjs')).href];
  }
  const source = MIRROR_REGISTER_SOURCE.replace('__MIRROR__', JSON.stringify(mirror)).replace('__ESM_HOOKS__', String(!commonJsEntry));
  writeFileSync(path.join(dir, 'register.cjs'), source);
  return ['--require', path.join(dir, 'register.cjs')];
}

/**
 * The module hooks, run in Node's loader thread (and imported by register.mjs for the CJS side).
 * The transform options are src/loader/transform-ts.ts's, passed in CONFIG.
 */
const HOOKS_SOURCE = `import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

const CONFIG = __CONFIG__;
export const PACKAGE_FILE = CONFIG.anchor;

// Loaded on first use, and kept out of require.cache so the script's view of it stays its own.
let transformSync;
function loadTransform() {
  if (transformSync) return transformSync;
  const cache = createRequire(CONFIG.anchor).cache;
  const before = new Set(Object.keys(cache));
  transformSync = createRequire(CONFIG.anchor)(CONFIG.oxcTransform).transformSync;
  for (const key of Object.keys(cache)) if (!before.has(key)) delete cache[key];
  return transformSync;
}
const PACKAGE_URL = pathToFileURL(CONFIG.anchor).href;
const SOURCE_TYPES = { module: 'module', commonjs: 'commonjs' };

export const TRANSFORMED = /\\.(?:[cm]?ts|tsx|jsx)$/;
export const RUNTIME_HELPERS = '@oxc-project/runtime/';

const inlineMap = (map) =>
  '\\n//# sourceMappingURL=data:application/json;base64,' + Buffer.from(JSON.stringify(map)).toString('base64');

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function vlq(n) {
  let v = n < 0 ? (-n << 1) | 1 : n << 1;
  let out = '';
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v > 0) digit |= 32;
    out += BASE64[digit];
  } while (v > 0);
  return out;
}

function positionOf(source, offset) {
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf('\\n'); i !== -1 && i < offset; i = source.indexOf('\\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

// A file that does not parse becomes one that throws a SyntaxError at the .ts position, source-mapped
// to it, so node reports the TypeScript line with its caret.
function syntaxErrorModule(filename, source, error) {
  const { line, column } = positionOf(source, error.labels?.[0]?.start ?? 0);
  const code = '\\n'.repeat(line - 1) + ' '.repeat(column - 1) + 'throw new SyntaxError(' + JSON.stringify(error.message) + ');';
  const mappings = ';'.repeat(line - 1) + vlq(column - 1) + 'A' + vlq(line - 1) + vlq(column - 1);
  return code + inlineMap({ version: 3, sources: [filename], sourcesContent: [source], names: [], mappings });
}

export function transformFile(filename) {
  const source = readFileSync(filename, 'utf8');
  const sourceType = SOURCE_TYPES[formatOf(filename)] ?? 'unambiguous';
  const result = loadTransform()(filename, source, { ...CONFIG.options, sourceType });
  const error = result.errors.find((e) => e.severity === 'Error');
  if (error) return syntaxErrorModule(filename, source, error);
  return result.code + inlineMap(result.map);
}

/** The nearest package.json "type" above a file, as Node looks it up. */
export function packageType(filename) {
  let dir = path.dirname(filename);
  for (;;) {
    if (path.basename(dir) === 'node_modules') return undefined;
    let text;
    try {
      text = readFileSync(path.join(dir, 'package.json'), 'utf8');
    } catch {}
    if (text !== undefined) {
      try {
        const type = JSON.parse(text).type;
        return type === 'module' || type === 'commonjs' ? type : undefined;
      } catch {
        return undefined;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

const ESM_ONLY_ERRORS = [
  'Cannot use import statement outside a module',
  "Unexpected token 'export'",
  "Cannot use 'import.meta' outside a module",
];
const CJS_CONFLICT_ERRORS = /^(?:Identifier '(?:module|exports|require|__filename|__dirname)' has already been declared|await is only valid in async functions and the top level bodies of modules)$/;

// Node 20.19's syntax detection for files with no "type": compile as CommonJS; the errors only
// ES module syntax causes make it a module.
function hasModuleSyntax(code) {
  try {
    vm.compileFunction(code, ['exports', 'require', 'module', '__filename', '__dirname']);
    return false;
  } catch (error) {
    return ESM_ONLY_ERRORS.includes(error?.message) || CJS_CONFLICT_ERRORS.test(error?.message ?? '');
  }
}

export function formatOf(filename) {
  if (filename.endsWith('.mts')) return 'module';
  if (filename.endsWith('.cts')) return 'commonjs';
  return packageType(filename);
}

const JS_TO_TS = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

/** What tsx users expect: ./x.js written in a .ts file means ./x.ts; ./x means ./x.ts too. */
export function typeScriptAlternatives(specifier, extensionless) {
  const extension = path.extname(specifier);
  const stem = specifier.slice(0, specifier.length - extension.length);
  if (JS_TO_TS[extension]) return JS_TO_TS[extension].map((ts) => stem + ts);
  if (!extensionless) return [];
  const base = specifier.replace(/\\/+$/, '');
  return [base + '.ts', base + '.tsx', base + '/index.ts', base + '/index.tsx'];
}

const RELATIVE = /^(?:\\.{1,2}\\/|\\/|file:)/;
const NOT_FOUND = new Set(['ERR_MODULE_NOT_FOUND', 'ERR_UNSUPPORTED_DIR_IMPORT']);

// One logic for both hook APIs: module.registerHooks (Node >= 22.15: synchronous, in-thread, and
// also sees require()) and module.register (Node 20: asynchronous, off-thread). \`then\` runs a
// step on a value or on a promise of one, so the same code serves both.
const then = (value, onValue, onError) => {
  if (value && typeof value.then === 'function') return value.then(onValue, onError);
  try {
    return onValue(value);
  } catch (error) {
    if (!onError) throw error;
    return onError(error);
  }
};
const attempt = (fn) => {
  try {
    return fn();
  } catch (error) {
    return { then: (_, onError) => onError(error) };
  }
};

function resolveHere(specifier, context, nextResolve) {
  // The transform imports its decorator helpers by name: they are this package's dependency.
  if (specifier.startsWith(RUNTIME_HELPERS)) return nextResolve(specifier, { ...context, parentURL: PACKAGE_URL });
  const parent = context.parentURL?.split(/[?#]/)[0] ?? '';
  if (!TRANSFORMED.test(parent) || !RELATIVE.test(specifier)) return nextResolve(specifier, context);
  return then(attempt(() => nextResolve(specifier, context)), (resolved) => resolved, (error) => {
    const candidates = NOT_FOUND.has(error?.code) ? typeScriptAlternatives(specifier, true) : [];
    const next = (index) => {
      // None found: resolved once more, so the error is node's own, thrown where node throws it
      // (the place its report shows), not rethrown here.
      if (index >= candidates.length) return nextResolve(specifier, context);
      return then(attempt(() => nextResolve(candidates[index], context)), (resolved) => resolved, () => next(index + 1));
    };
    return next(0);
  });
}

// A run with files runs its entry from a tree that mirrors the disk (run-in-node.ts): what a
// module of the tree imports that the tree lacks (sibling modules, node_modules) resolves from
// the module's place on disk, as the in-process loader falls back to the disk.
export const MIRROR = CONFIG.mirror;
const MIRROR_URL = MIRROR === null ? null : pathToFileURL(MIRROR).href + '/';
export const inMirror = (file) => MIRROR !== null && file.startsWith(MIRROR + path.sep);
export function diskPathOf(file) {
  const relative = path.relative(MIRROR, file);
  if (process.platform !== 'win32') return '/' + relative;
  const [drive, ...rest] = relative.split(path.sep);
  return drive + ':' + path.sep + rest.join(path.sep);
}

export function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL?.split(/[?#]/)[0];
  if (MIRROR_URL === null || !parent?.startsWith(MIRROR_URL)) return resolveHere(specifier, context, nextResolve);
  return then(attempt(() => resolveHere(specifier, context, nextResolve)), (resolved) => resolved, (error) => {
    if (!NOT_FOUND.has(error?.code)) return resolveHere(specifier, context, nextResolve);
    const onDisk = pathToFileURL(diskPathOf(fileURLToPath(parent))).href;
    // Not found on disk either: resolved once more where it failed, so the error is node's own
    // (thrown where node throws it, as its report shows), not one rethrown here.
    return then(
      attempt(() => resolveHere(specifier, { ...context, parentURL: onDisk }, nextResolve)),
      (resolved) => resolved,
      () => resolveHere(specifier, context, nextResolve),
    );
  });
}

export function load(url, context, nextLoad) {
  const filename = url.startsWith('file:') ? fileURLToPath(url) : '';
  if (!CONFIG.typescript || !TRANSFORMED.test(filename)) return nextLoad(url, context);
  let format = formatOf(filename);
  const code = transformFile(filename);
  format ??= hasModuleSyntax(code) ? 'module' : 'commonjs';
  if (format === 'commonjs') {
    // No source: Node's CommonJS loader compiles it through require.extensions (register.mjs), so
    // it gets a real module, require, require.main and require.cache.
    return { format, shortCircuit: true };
  }
  return { format, source: code, shortCircuit: true };
}

export const SYNC_HOOKS = typeof Module.registerHooks === 'function';
`;
/**
 * For both child preloads (register.mjs with TypeScript, register.cjs without): a require() from a
 * module of the mirrored tree that the tree cannot satisfy resolves from that module's place on
 * disk. Expects `Module`, `path`, `inMirror` and `diskPathOf` in scope.
 */
const DISK_FALLBACK_SOURCE = `const resolveInTree = Module._resolveFilename;
Module._resolveFilename = function resolveFromDisk(request, parent, isMain, options) {
  const from = parent?.filename;
  if (typeof from !== 'string' || !inMirror(from)) return resolveInTree.call(this, request, parent, isMain, options);
  try {
    return resolveInTree.call(this, request, parent, isMain, options);
  } catch (error) {
    if (error?.code !== 'MODULE_NOT_FOUND') return resolveInTree.call(this, request, parent, isMain, options);
    const onDisk = new Module(diskPathOf(from));
    onDisk.filename = diskPathOf(from);
    onDisk.paths = Module._nodeModulePaths(path.dirname(onDisk.filename));
    try {
      return resolveInTree.call(this, request, onDisk, false, options);
    } catch {}
    // Not found on disk either: node's own error, thrown where node throws it.
    return resolveInTree.call(this, request, parent, isMain, options);
  }
};
`;

/** The child's `--import`: registers the hooks, and teaches CommonJS `require` the same transform. */
const REGISTER_SOURCE = `import Module, { register } from 'node:module';
import path from 'node:path';
import { diskPathOf, formatOf, inMirror, load, MIRROR, PACKAGE_FILE, resolve, RUNTIME_HELPERS, SYNC_HOOKS, TRANSFORMED, transformFile, typeScriptAlternatives } from './hooks.mjs';

process.setSourceMapsEnabled(true);
if (SYNC_HOOKS) Module.registerHooks({ resolve, load });
else register('./hooks.mjs', import.meta.url);

// Node 20 does not send require() through module.register hooks: the classic require.extensions
// way. An undefined format lets Node detect ES module syntax, as it does for .js.
for (const extension of ['.ts', '.cts', '.mts', '.tsx', '.jsx']) {
  Module._extensions[extension] = function loadTypeScript(module, filename) {
    module._compile(transformFile(filename), filename, formatOf(filename));
  };
}

const resolveFilename = Module._resolveFilename;
const packageModule = new Module(PACKAGE_FILE);
packageModule.filename = PACKAGE_FILE;
packageModule.paths = Module._nodeModulePaths(path.dirname(PACKAGE_FILE));
Module._resolveFilename = function resolveTypeScript(request, parent, isMain, options) {
  if (request.startsWith(RUNTIME_HELPERS)) return resolveFilename.call(this, request, packageModule, false, options);
  if (!TRANSFORMED.test(parent?.filename ?? '') || !/^\\.{1,2}\\//.test(request)) return resolveFilename.call(this, request, parent, isMain, options);
  try {
    return resolveFilename.call(this, request, parent, isMain, options);
  } catch (error) {
    if (error?.code === 'MODULE_NOT_FOUND') {
      for (const candidate of typeScriptAlternatives(request, false)) {
        try {
          return resolveFilename.call(this, candidate, parent, isMain, options);
        } catch {}
      }
    }
  }
  // None found: node's own error, thrown where node throws it (the place its report shows).
  return resolveFilename.call(this, request, parent, isMain, options);
};

// The CommonJS side of the mirrored tree's fallback to the disk (see hooks.mjs).
if (MIRROR !== null) {
${DISK_FALLBACK_SOURCE}
}
`;

/**
 * The child's `--require` when a JavaScript entry runs from the mirrored tree of a run with
 * files: what a module of the tree imports that the tree lacks (sibling modules, node_modules)
 * resolves from the module's place on disk, for require() here and for import through hooks.mjs
 * (a CommonJS entry's dynamic import() of a module the tree lacks goes without).
 */
const MIRROR_REGISTER_SOURCE = `'use strict';
const Module = require('node:module');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const MIRROR = __MIRROR__;
const inMirror = (file) => file.startsWith(MIRROR + path.sep);
function diskPathOf(file) {
  const relative = path.relative(MIRROR, file);
  if (process.platform !== 'win32') return '/' + relative;
  const [drive, ...rest] = relative.split(path.sep);
  return drive + ':' + path.sep + rest.join(path.sep);
}

${DISK_FALLBACK_SOURCE}
// ES module hooks, for an entry that is not CommonJS: in-thread where Node has them (22.15+: no
// require(esm) warning there), else off-thread. A CommonJS entry goes without: their frames would
// push its own out of the ten of a failed require()'s stack.
if (__ESM_HOOKS__) {
  if (typeof Module.registerHooks === 'function') Module.registerHooks({ resolve: require('./hooks.mjs').resolve });
  else Module.register(pathToFileURL(path.join(__dirname, 'hooks.mjs')).href);
}
`;
