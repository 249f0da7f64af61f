import ImportedModule, { createRequire, isBuiltin } from 'node:module';
import { childProcessFacade } from '../sandbox/child-process-facade.js';
import { runConsole } from '../sandbox/console.js';
import { fsFacade, fsModulesOf, fsPromisesFacade } from '../sandbox/fs/fs-module.js';
import { runProcess } from '../sandbox/process.js';
import { currentRun } from '../sandbox/run-state.js';
import { RunSlot } from '../sandbox/run-slot.js';
import { ttyFacade } from '../sandbox/tty-facade.js';
import { createNamespace } from './namespace.js';

const hostRequire = createRequire(import.meta.url);

/**
 * Node's own Module class. Asked of the process, not imported: vitest's vmThreads pool hands
 * imports of node:module a shim without the loader's internals (`_nodeModulePaths`).
 */
export const Module: typeof ImportedModule =
  ((process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule?.('node:module') as typeof ImportedModule) ??
  ImportedModule;

/** What `node:module` in a run asks of the run's loader: the registry sets itself here. */
export interface RunLoader {
  createRequire(filename: string | URL): NodeJS.Require;
}

export const runLoaders = new RunSlot<RunLoader>();

/** `createRequire` of `node:module` in a run: the run's loader (one function, named as Node's). */
const runCreateRequire = {
  // biome-ignore lint/complexity/useArrowFunction: a function like Node's, with a prototype
  createRequire: function (filename: string | URL): NodeJS.Require {
    const run = currentRun.getStore();
    const loader = run && runLoaders.get(run);
    return loader ? loader.createRequire(filename) : createRequire(filename);
  },
}.createRequire;

/** `Module._load` in a run: a builtin gives the run's version of it (a way some tools require). */
const runLoad = {
  _load(request: string, parent: unknown, isMain: boolean): unknown {
    const id = typeof request === 'string' ? builtinId(request) : undefined;
    if (id && currentRun.getStore()) return requireBuiltin(id);
    return (Module as unknown as { _load: (...args: unknown[]) => unknown })._load(request, parent, isMain);
  },
}._load;

/** `require('node:module')` in a run: Node's Module, with createRequire bound to the run's loader. */
export const moduleFacade: typeof Module = new Proxy(Module, {
  get(target, key, receiver) {
    if (key === 'createRequire') return runCreateRequire;
    // `require('module').Module` is the same object, not Node's own.
    if (key === 'Module') return moduleFacade;
    if (key === '_load') return runLoad;
    return Reflect.get(target, key, receiver);
  },
});

/**
 * Built-in modules whose run-facing version is ours: everything else is Node's own, shared by
 * all runs (edits to them are not undone, SPEC §3.5).
 */
const overridden: Record<string, () => unknown> = {
  'node:process': () => runProcess,
  'node:console': () => runConsole,
  'node:fs': () => fsFacade,
  'node:fs/promises': () => fsPromisesFacade,
  'node:tty': () => ttyFacade,
  'node:child_process': () => childProcessFacade,
};

const exportsCache = new Map<string, unknown>();
const runNamespaces = new RunSlot<Map<string, object>>();

/**
 * `fs` and `fs/promises` are the run's own objects: their functions keep working on the run's
 * filesystem when called after the run, where no current run says which one it is.
 */
function perRunBuiltin(id: string): unknown {
  if (id !== 'node:fs' && id !== 'node:fs/promises') return undefined;
  const run = currentRun.getStore();
  if (!run) return undefined;
  const modules = fsModulesOf(run);
  return id === 'node:fs' ? modules.fs : modules.promises;
}
const namespaceCache = new Map<string, object>();

/** Normalises `fs`, `node:fs` to `node:fs`. */
export function builtinId(specifier: string): string | undefined {
  if (!isBuiltin(specifier)) return undefined;
  return specifier.startsWith('node:') ? specifier : `node:${specifier}`;
}

/** What `require('node:x')` gives a run. */
export function requireBuiltin(id: string): unknown {
  if (id === 'node:module') return moduleFacade;
  const perRun = perRunBuiltin(id);
  if (perRun) return perRun;
  let value = exportsCache.get(id);
  if (value === undefined) {
    value = overridden[id]?.() ?? hostRequire(id);
    exportsCache.set(id, value);
  }
  return value;
}

/** `import x, { y } from 'node:x'`: default plus every own name of the module. */
export function builtinNamespace(id: string): object {
  if (id === 'node:module') return moduleNamespace();
  const run = currentRun.getStore();
  const perRun = perRunBuiltin(id);
  if (run && perRun) {
    let namespaces = runNamespaces.get(run);
    if (!namespaces) runNamespaces.set(run, (namespaces = new Map()));
    let namespace = namespaces.get(id);
    if (!namespace) {
      const value = perRun as Record<string, unknown>;
      const names = Object.keys(hostRequire(id) as object).filter((name) => name !== 'default');
      namespace = createNamespace([...names, 'default'], (name) => (name === 'default' ? value : value[name]));
      namespaces.set(id, namespace);
    }
    return namespace;
  }
  let namespace = namespaceCache.get(id);
  if (!namespace) {
    const value = requireBuiltin(id) as Record<string, unknown>;
    const real = hostRequire(id) as Record<string, unknown>;
    const names = Object.keys(real).filter((name) => name !== 'default');
    namespace = createNamespace([...names, 'default'], (name) => (name === 'default' ? value : value[name]));
    namespaceCache.set(id, namespace);
  }
  return namespace;
}

function moduleNamespace(): object {
  const real = hostRequire('node:module') as Record<string, unknown>;
  const facade = moduleFacade as unknown as Record<string, unknown>;
  return createNamespace([...Object.keys(real), 'createRequire', 'default'], (name) =>
    name === 'default' ? facade : facade[name],
  );
}

/** `process.getBuiltinModule(id)` in a run: the run's version of the builtin, undefined for a name that is none. */
export function runBuiltinModule(id: string): unknown {
  const normalized = builtinId(id);
  return normalized === undefined ? undefined : requireBuiltin(normalized);
}
