import { plainError, systemError } from '../../node-errors.js';
import { NODE_MAJOR } from '../../node-version.js';
import type { Call } from './call-kinds.js';
import type { RunVolume } from './run-volume.js';

// What a call on the volume answers, worded as Node words it: the paths as the script gave them,
// the system call Node names, and what Linux refuses that memfs lets through.

/**
 * The volume is given absolute paths; Node's errors name a path as the script gave it
 * (`ENOENT: no such file or directory, open 'data/x.txt'`). Absolute → given, for the path
 * arguments that were relative.
 */
export function errorPaths(given: unknown[], args: unknown[]): Map<string, string> | undefined {
  let paths: Map<string, string> | undefined;
  for (let i = 0; i < 2; i++) {
    if (typeof given[i] === 'string' && typeof args[i] === 'string') {
      paths ??= new Map();
      paths.set(args[i] as string, given[i] as string);
    }
  }
  return paths;
}

export function asGiven(error: unknown, paths: Map<string, string> | undefined): unknown {
  if (!paths || !(error instanceof Error)) return error;
  const fields = error as Error & { path?: string; dest?: string };
  // memfs sometimes names the parent it stopped at; Node names the path it was given.
  const [first] = paths;
  if (first && paths.size === 1 && typeof fields.path === 'string' && fields.path !== first[0] && first[0].startsWith(fields.path)) {
    error.message = error.message.split(`'${fields.path}'`).join(`'${first[0]}'`);
    fields.path = first[0];
  }
  // Longest first, so that a path and one inside it are each written back whole.
  const ordered = [...paths].sort(([a], [b]) => b.length - a.length);
  for (const [absolute, original] of ordered) {
    error.message = error.message.split(absolute).join(original);
    if (fields.path === absolute) fields.path = original;
    if (fields.dest === absolute) fields.dest = original;
  }
  if (typeof error.stack === 'string') {
    for (const [absolute, original] of ordered) error.stack = error.stack.split(absolute).join(original);
  }
  return error;
}

/** What Linux refuses and memfs lets through. */
export function nodeRefusal(base: string, args: unknown[], volume: RunVolume): Error | undefined {
  if ((base === 'write' || base === 'writev' || base === 'ftruncate') && typeof args[0] === 'number' && !volume.isWritable(args[0])) {
    return systemError('EBADF', base);
  }
  if (base === 'unlink' && typeof args[0] === 'string' && volume.isDirectory(args[0])) {
    // memfs says EPERM.
    return systemError('EISDIR', 'unlink', args[0]);
  }
  if (base === 'rename' && typeof args[0] === 'string' && typeof args[1] === 'string') {
    if (volume.isDirectory(args[0]) && volume.isFile(args[1])) {
      return systemError('ENOTDIR', 'rename', args[0], args[1]);
    }
  }
  return undefined;
}

/** A callback's error, shown as Node shows it too. */
export function wrapErrors(name: string, args: unknown[], shown: (error: unknown) => unknown): void {
  const last = args.length - 1;
  if (name.endsWith('Sync') || typeof args[last] !== 'function') return;
  const callback = args[last] as Call;
  args[last] = (error: unknown, ...rest: unknown[]) => callback(error ? shown(error) : error, ...rest);
}

/**
 * The system call Node names where memfs names another: mkdtemp (memfs: mkdir), and the
 * JavaScript realpath, which fails in a stat of the absolute path; and Node 20's wording of a
 * directory copied without `recursive`. `pathArg` is the path argument as the call received it,
 * `givenPath` as the script gave it.
 */
export function asSyscall(name: string, error: unknown, pathArg: unknown, givenPath: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const fields = error as Error & { syscall?: string; path?: string; code?: string };
  if (name.startsWith('cp') && fields.code === 'ERR_FS_EISDIR' && NODE_MAJOR < 22 && typeof givenPath === 'string') {
    // Node 20 words a directory copied without `recursive` as the SystemError its cp raises.
    error.message = `Path is a directory: cp returned EISDIR (${givenPath} is a directory (not copied)) ${givenPath}`;
    return error;
  }
  if (name.startsWith('mkdtemp') && fields.syscall === 'mkdir') {
    fields.syscall = 'mkdtemp';
    error.message = error.message.replace(', mkdir ', ', mkdtemp ');
  } else if ((name === 'realpath' || name === 'realpathSync') && fields.code === 'ENOENT' && typeof pathArg === 'string') {
    fields.syscall = 'stat';
    fields.path = pathArg;
    error.message = `ENOENT: no such file or directory, stat '${pathArg}'`;
  }
  return error;
}

/** A FileHandle method → the syscall Node names when it is called on a closed handle. */
const HANDLE_SYSCALLS: Record<string, string> = {
  appendFile: 'writeFile',
  chmod: 'fchmod',
  chown: 'fchown',
  datasync: 'fdatasync',
  read: 'read',
  readFile: 'readFile',
  readv: 'readv',
  stat: 'fstat',
  sync: 'fsync',
  truncate: 'ftruncate',
  utimes: 'futimes',
  write: 'write',
  writeFile: 'writeFile',
  writev: 'writev',
};

const guardedHandleClasses = new Set<object>();

/**
 * memfs's FileHandle, made to answer as Node's once closed: `EBADF` "file closed" from every
 * method, where memfs reaches its fd -1 and says "bad file descriptor". Its class is patched once.
 */
export function withClosedHandleErrors(handle: unknown): unknown {
  const prototype = handle !== null && typeof handle === 'object' ? Object.getPrototypeOf(handle) : null;
  if (!prototype || guardedHandleClasses.has(prototype)) return handle;
  guardedHandleClasses.add(prototype);
  for (const [method, syscall] of Object.entries(HANDLE_SYSCALLS)) {
    const original = prototype[method] as Call | undefined;
    if (typeof original !== 'function') continue;
    prototype[method] = function (this: { fd: number }, ...args: unknown[]) {
      if (this.fd === -1) return Promise.reject(plainError('file closed', { code: 'EBADF', syscall }));
      return original.apply(this, args);
    };
  }
  return handle;
}
