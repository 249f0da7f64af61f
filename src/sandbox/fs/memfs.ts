import { createRequire } from 'node:module';

import type { Volume } from 'memfs';

type Memfs = typeof import('memfs');

let memfs: Memfs | undefined;

/**
 * memfs, loaded on the first run that needs a filesystem. Its dependency tslib defines its
 * helpers (`__extends`, `__awaiter`, …) as globals when loaded as CommonJS; memfs itself reads
 * them from tslib's exports, so they are removed again: the library adds nothing to the host's
 * global scope.
 */
export function loadMemfs(): Memfs {
  if (!memfs) {
    const before = new Set(Reflect.ownKeys(globalThis));
    memfs = createRequire(import.meta.url)('memfs') as Memfs;
    for (const key of Reflect.ownKeys(globalThis)) {
      if (!before.has(key) && typeof key === 'string' && key.startsWith('__')) Reflect.deleteProperty(globalThis, key);
    }
  }
  return memfs;
}

const hostProcess = process;
const hostCwd = process.cwd;
const hostEmitWarning = process.emitWarning;

/**
 * The process memfs asks for the owner of what it creates and checks access with. By default it
 * calls the host's getuid and getgid on every path it walks and every node it makes: a system call
 * each, hundreds in a run that reads and writes a few files. They are read once per run instead.
 */
function volumeProcess() {
  const uid = hostProcess.getuid?.() ?? 0;
  const gid = hostProcess.getgid?.() ?? 0;
  return {
    cwd: () => Reflect.apply(hostCwd, hostProcess, []) as string,
    platform: hostProcess.platform,
    emitWarning: (...args: unknown[]) => Reflect.apply(hostEmitWarning, hostProcess, args),
    env: hostProcess.env,
    getuid: () => uid,
    getgid: () => gid,
  };
}

/** An empty memfs Volume for one run. */
export function newVolume(): Volume {
  return loadMemfs().Volume.fromJSON({}, '/', { process: volumeProcess() });
}
