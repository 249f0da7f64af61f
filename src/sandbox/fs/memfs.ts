import { createRequire } from 'node:module';

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
