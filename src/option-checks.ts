import { statSync } from 'node:fs';
import path from 'node:path';
import { RunAsMainUsageError } from './errors.js';

/**
 * Checks of options whose values the engine hands on to Node or V8, where a bad one would do
 * worse than fail (SPEC §8): an initGlobals name V8 cannot take as a parameter (Node 20's
 * `vm.compileFunction` crashes the process on some), a cwd node could not start in, `files` keys
 * that cannot all be made.
 */

/** An IdentifierName as ECMAScript defines it. */
const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u;

/**
 * Words that cannot name a binding in every script: reserved words, those reserved in strict code
 * and modules (an ES module and its namespace capture are strict), and the two names strict code
 * cannot bind.
 */
const RESERVED = new Set([
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else',
  'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new',
  'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with',
  'yield', 'implements', 'interface', 'let', 'package', 'private', 'protected', 'public', 'static', 'arguments',
  'eval',
]);

/** Names the engine's module wrappers use for their own (esm-transform.ts reserves the prefix). */
const ENGINE_PREFIX = '__rm';

/** Why `name` cannot be a free variable of a script, or undefined when it can. */
function whyNotAName(name: string): string | undefined {
  if (!IDENTIFIER.test(name)) return 'is not an identifier';
  if (RESERVED.has(name)) return 'is a reserved word';
  if (name.startsWith(ENGINE_PREFIX)) return `starts with ${ENGINE_PREFIX}, which the engine reserves for its module wrappers`;
  return undefined;
}

/**
 * `initGlobals` as free variables: an object (not an array) of identifier names. `subject` names
 * it in the message (a plugin's `api` is checked the same way).
 */
export function checkInitGlobals(value: unknown, subject = 'Option `initGlobals`'): void {
  if (value === undefined) return;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new RunAsMainUsageError(
      `${subject} must be an object of names to values (the free variables the script sees); received ${describeKind(value)}.`,
    );
  }
  for (const name of Object.keys(value)) {
    const why = whyNotAName(name);
    if (why !== undefined) {
      throw new RunAsMainUsageError(`${subject} must name free variables a script can use; the key ${JSON.stringify(name)} ${why}.`);
    }
  }
}

function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `the string ${JSON.stringify(value)}` : typeof value;
}

/**
 * Directories a cwd was found to be, so that a run given the same cwd again does not pay a stat
 * (a warm run is tens of microseconds). Bounded: a suite may make a temporary directory per test.
 */
const knownDirectories = new Set<string>();
const KNOWN_DIRECTORIES_MAX = 256;

/**
 * The cwd must be a place node could start in: never a file; with `fs: 'real'`, an existing
 * directory (in memory the cwd always exists in the run's view, SPEC §5).
 */
export function checkCwd(cwd: string, fs: 'memory' | 'overlay' | 'real'): void {
  if (knownDirectories.has(cwd)) return;
  const stats = statSync(cwd, { throwIfNoEntry: false });
  if (stats?.isDirectory()) {
    if (knownDirectories.size >= KNOWN_DIRECTORIES_MAX) knownDirectories.clear();
    knownDirectories.add(cwd);
    return;
  }
  if (stats) {
    throw new RunAsMainUsageError(`Option \`cwd\` must be a directory; ${cwd} is a file (node would fail to start there: ENOTDIR).`);
  }
  if (fs === 'real') {
    throw new RunAsMainUsageError(
      `Option \`cwd\` must be an existing directory with \`fs: 'real'\`; ${cwd} does not exist (node would fail to start there: ENOENT).`,
    );
  }
}

/**
 * `files` keys must all be makeable at once, relative to `cwd`: no NUL byte, no file at the cwd or
 * above it, no file that another key needs as a directory ('a' beside 'a/b', or beside 'a/').
 */
export function checkFilesKeys(files: Record<string, unknown>, cwd: string): void {
  const fileKeys = new Map<string, string>();
  const directoryKeys = new Map<string, string>();
  for (const [key, content] of Object.entries(files)) {
    if (key.includes('\0')) {
      throw new RunAsMainUsageError(`Option \`files\` has a key with a NUL byte, which no path can hold: ${JSON.stringify(key)}.`);
    }
    const target = path.resolve(cwd, key);
    if (content === null || key.endsWith('/')) {
      directoryKeys.set(target, key);
      continue;
    }
    if (target === cwd || cwd.startsWith(target + path.sep) || target === path.parse(target).root) {
      throw new RunAsMainUsageError(
        `Option \`files\` cannot make the key ${JSON.stringify(key)} a file: it names ${target === cwd ? 'the cwd itself' : 'a directory that holds the cwd'} (${target}).`,
      );
    }
    fileKeys.set(target, key);
  }
  for (const [target, key] of [...fileKeys, ...directoryKeys]) {
    const sameAsDirectory = fileKeys.has(target) ? directoryKeys.get(target) : undefined;
    if (sameAsDirectory !== undefined) {
      throw new RunAsMainUsageError(
        `Option \`files\` makes ${target} both a file (${JSON.stringify(fileKeys.get(target))}) and a directory (${JSON.stringify(sameAsDirectory)}).`,
      );
    }
    for (let dir = path.dirname(target); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const holder = fileKeys.get(dir);
      if (holder !== undefined) {
        throw new RunAsMainUsageError(
          `Option \`files\` has both ${JSON.stringify(holder)} (a file) and ${JSON.stringify(key)} (a path inside it): a file cannot hold another.`,
        );
      }
    }
  }
}
