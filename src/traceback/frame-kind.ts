import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCompiledFile } from './source-maps.js';

/** Directory of this library's own code (src/ under tests, dist/ once built): never user frames. */
const LIBRARY_DIR = path.dirname(fileURLToPath(import.meta.url)).replace(/[\\/](?:src|dist)(?:[\\/].*)?$/, '');
const LIBRARY_CODE = [path.join(LIBRARY_DIR, 'src') + path.sep, path.join(LIBRARY_DIR, 'dist') + path.sep];

/** The script name of the library's watchdog entry (sandbox/watchdog.ts). */
const WATCHDOG_SCRIPT = 'run-as-main:watchdog';

/**
 * Whose code a stack frame's file is: `user` (compiled by a run's loader: the script and every
 * module it loaded), `internal` (Node's own), `library` (run-as-main's), `host` (anything else on
 * disk: the test runner, the library's own dependencies such as memfs), `other` (no file).
 */
export type FrameKind = 'user' | 'internal' | 'library' | 'host' | 'other';

export function frameKindOf(file: string): FrameKind {
  if (isCompiledFile(file)) return 'user';
  if (file.startsWith('node:')) return 'internal';
  if (file === WATCHDOG_SCRIPT) return 'library';
  if (!file.startsWith('/') && !file.startsWith('file://')) return 'other';
  const filePath = file.startsWith('file://') ? fileURLToPath(file) : file;
  return LIBRARY_CODE.some((dir) => filePath.startsWith(dir)) ? 'library' : 'host';
}
