import { createRequire, isBuiltin } from 'node:module';
import { inspect } from 'node:util';
import { childProcessFacade } from '../sandbox/child-process-facade.js';
import { runConsole } from '../sandbox/console.js';
import { fsFacade, fsModulesOf, fsPromisesFacade } from '../sandbox/fs-facade.js';
import { runProcess, setBuiltinResolver } from '../sandbox/process.js';
import { currentRun } from '../sandbox/run-state.js';
import { RunSlot } from '../sandbox/run-slot.js';
import { ttyFacade } from '../sandbox/tty-facade.js';

const hostRequire = createRequire(import.meta.url);

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
export function requireBuiltin(id: string, moduleFacade: unknown): unknown {
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

/**
 * A namespace object as ESM sees a module: sorted names, read through getters so that bindings
 * stay live, and printed by `util.inspect` as Node prints a real one.
 */
export function createNamespace(names: Iterable<string>, read: (name: string) => unknown): Record<string, unknown> {
  const namespace = Object.create(null) as Record<string, unknown>;
  Object.defineProperty(namespace, READ_BINDING, { value: read });
  for (const name of [...new Set(names)].sort()) {
    Object.defineProperty(namespace, name, { enumerable: true, get: bindingGetter(name) });
  }
  Object.defineProperty(namespace, Symbol.toStringTag, { value: 'Module' });
  Object.defineProperty(namespace, inspect.custom, { value: inspectNamespace });
  return Object.preventExtensions(namespace);
}

/** Where a namespace keeps the function that reads its module's bindings (hidden, not enumerable). */
const READ_BINDING = Symbol('run-as-main.readBinding');

const bindingGetters = new Map<string, () => unknown>();

/**
 * The getter of the binding `name` in every namespace: one function per name, finding its module
 * through `this`. V8 keeps an accessor's getter pair in the old generation, so a getter made per
 * run would keep that run's modules alive across young-generation collections (CONTRIBUTING.md,
 * "Objects made per run").
 */
function bindingGetter(name: string): () => unknown {
  let getter = bindingGetters.get(name);
  if (!getter) {
    getter = function (this: { [READ_BINDING]: (name: string) => unknown }) {
      return this[READ_BINDING](name);
    };
    bindingGetters.set(name, getter);
  }
  return getter;
}

/** How `util.inspect` shows a namespace: as Node shows one, `<uninitialized>` for bindings in their TDZ. */
function inspectNamespace(this: Record<string, unknown>, depth: number, options: object): string {
  const snapshot = Object.create(null) as Record<string, unknown>;
  for (const name of Object.keys(this)) {
    try {
      snapshot[name] = this[name];
    } catch {
      snapshot[name] = '<uninitialized>';
    }
  }
  return `[Module: null prototype] ${inspect(snapshot, { ...options, depth }).replace(/^\[Object: null prototype\] /, '')}`;
}

/** `import x, { y } from 'node:x'`: default plus every own name of the module. */
export function builtinNamespace(id: string, moduleFacade: unknown): object {
  if (id === 'node:module') return moduleNamespace(moduleFacade);
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
    const value = requireBuiltin(id, moduleFacade) as Record<string, unknown>;
    const real = hostRequire(id) as Record<string, unknown>;
    const names = Object.keys(real).filter((name) => name !== 'default');
    namespace = createNamespace([...names, 'default'], (name) => (name === 'default' ? value : value[name]));
    namespaceCache.set(id, namespace);
  }
  return namespace;
}

function moduleNamespace(moduleFacade: unknown): object {
  const real = hostRequire('node:module') as Record<string, unknown>;
  const facade = moduleFacade as Record<string, unknown>;
  return createNamespace([...Object.keys(real), 'createRequire', 'default'], (name) =>
    name === 'default' ? facade : facade[name],
  );
}

setBuiltinResolver((id) => {
  const normalized = builtinId(id);
  return normalized === undefined ? undefined : requireBuiltin(normalized, moduleFacadeRef());
});

let moduleFacadeRef: () => unknown = () => undefined;

/** The registry hands over its `node:module` facade (it lives there, with the run's loaders). */
export function setModuleFacade(facade: unknown): void {
  moduleFacadeRef = () => facade;
}
