import realFs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunState } from '../run-state.js';

// The functions of Node's fs, sorted by what they do to their arguments: the dispatcher, copy-up
// and the result fixes all decide by these.

export type Call = (...args: unknown[]) => unknown;

/** A function's name without `Sync`: `mkdirSync` → `mkdir`. */
export function baseName(name: string): string {
  return name.endsWith('Sync') ? name.slice(0, -4) : name;
}

/** A path argument made absolute against the run's cwd (memfs would use the host's). */
export function toPath(run: RunState, target: unknown): unknown {
  if (target instanceof URL) return target.protocol === 'file:' ? fileURLToPath(target) : target;
  if (Buffer.isBuffer(target)) target = target.toString();
  if (typeof target !== 'string') return target;
  return path.isAbsolute(target) ? path.normalize(target) : path.resolve(run.cwd, target);
}

/** Whether open flags (`'w'`, `'a+'`, `O_WRONLY | O_CREAT`…) can change the file. */
export function opensForWriting(flags: unknown): boolean {
  if (flags === undefined || flags === null) return false;
  if (typeof flags === 'number') return (flags & (realFs.constants.O_WRONLY | realFs.constants.O_RDWR)) !== 0;
  return typeof flags === 'string' && /[wa+]/.test(flags);
}

export function optionOf(args: unknown[], index: number, key: string): unknown {
  const options = args[index];
  return options !== null && typeof options === 'object' ? (options as Record<string, unknown>)[key] : undefined;
}

/** Functions by what they do to their path arguments. */
export const READ = new Set(['access', 'exists', 'lstat', 'stat', 'readFile', 'readlink', 'realpath', 'createReadStream',
  'watch', 'watchFile', 'unwatchFile', 'statfs', 'openAsBlob']);
export const LIST = new Set(['readdir', 'opendir', 'glob']);
export const WRITE = new Set(['appendFile', 'writeFile', 'truncate', 'chmod', 'chown', 'lchmod', 'lchown', 'utimes',
  'lutimes', 'createWriteStream']);
export const CREATE_DIRECTORY = new Set(['mkdir', 'mkdtemp']);
export const DELETE = new Set(['unlink', 'rmdir', 'rm']);
export const TWO_PATHS = new Set(['rename', 'copyFile', 'cp', 'link']);

/** Calls that change the filesystem: dropped once the run has exited (SPEC §3.6). */
export const CHANGES = new Set([...WRITE, ...CREATE_DIRECTORY, ...DELETE, ...TWO_PATHS, 'symlink', 'write', 'writev',
  'ftruncate', 'fchmod', 'fchown', 'futimes', 'fsync', 'fdatasync']);

/** Calls that can create the file or directory they are given. */
export const CREATES = new Set(['writeFile', 'appendFile', 'mkdir', 'open', 'copyFile']);

/** Calls that change a file through its descriptor. */
export const FD_CHANGES = new Set(['write', 'writev', 'ftruncate', 'fchmod', 'fchown', 'futimes']);
