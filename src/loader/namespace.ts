import { inspect } from 'node:util';

/**
 * A namespace object as ESM sees a module: sorted names whose values stay live, described as
 * Node describes them (writable, enumerable, non-configurable data properties, so that tslib's
 * and Babel's re-export helpers copy them as they would Node's), and printed by `util.inspect`
 * as Node prints a real one.
 *
 * A Proxy over a frozen-shape target with one handler per namespace: accessors would need a
 * getter made per run, and V8 keeps accessor pairs in the old generation, where they keep that
 * run's modules alive across young-generation collections (CONTRIBUTING.md, "Objects made per run").
 */
export function createNamespace(names: Iterable<string>, read: (name: string) => unknown): Record<string, unknown> {
  const sorted = [...new Set(names)].sort();
  const target = Object.create(null) as Record<string, unknown>;
  for (const name of sorted) {
    Object.defineProperty(target, name, { value: undefined, writable: true, enumerable: true, configurable: false });
  }
  Object.defineProperty(target, Symbol.toStringTag, { value: 'Module' });
  // util.inspect looks past a Proxy at its target: the target prints the live values.
  Object.defineProperty(target, inspect.custom, {
    value: (depth: number, options: object) => inspectBindings(sorted, read, depth, options),
  });
  Object.preventExtensions(target);
  return new Proxy(target, new NamespaceHandler(new Set(sorted), read));
}

/**
 * The names of a namespace without reading its bindings (`Object.keys` reads each one, as on a
 * Node namespace, and one in its temporal dead zone throws).
 */
export function namespaceNames(namespace: object): string[] {
  return Reflect.ownKeys(namespace).filter((key): key is string => typeof key === 'string');
}

/** The traps of one namespace: reads go to the module's bindings; writes are refused. */
class NamespaceHandler implements ProxyHandler<Record<string, unknown>> {
  constructor(
    private readonly names: ReadonlySet<string>,
    private readonly read: (name: string) => unknown,
  ) {}

  get(target: Record<string, unknown>, key: string | symbol, receiver: unknown): unknown {
    return typeof key === 'string' && this.names.has(key) ? this.read(key) : Reflect.get(target, key, receiver);
  }

  getOwnPropertyDescriptor(target: Record<string, unknown>, key: string | symbol): PropertyDescriptor | undefined {
    const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
    if (descriptor && typeof key === 'string' && this.names.has(key)) descriptor.value = this.read(key);
    return descriptor;
  }

  // Refused as Node refuses them (false: a TypeError in strict code, nothing in sloppy code),
  // with the spec's exceptions: redefining a binding as it is, deleting what is not there.
  set(): boolean {
    return false;
  }

  defineProperty(target: Record<string, unknown>, key: string | symbol, descriptor: PropertyDescriptor): boolean {
    if (typeof key === 'symbol') return Reflect.defineProperty(target, key, descriptor);
    if (!this.names.has(key)) return false;
    const { value, writable, enumerable, configurable, get, set } = descriptor;
    if (get !== undefined || set !== undefined || configurable === true || enumerable === false || writable === false) return false;
    return !('value' in descriptor) || Object.is(value, this.read(key));
  }

  deleteProperty(target: Record<string, unknown>, key: string | symbol): boolean {
    if (typeof key === 'symbol') return Reflect.deleteProperty(target, key);
    return !this.names.has(key);
  }
}

/** How `util.inspect` shows a namespace: as Node shows one, `<uninitialized>` for bindings in their TDZ. */
function inspectBindings(names: readonly string[], read: (name: string) => unknown, depth: number, options: object): string {
  const snapshot = Object.create(null) as Record<string, unknown>;
  for (const name of names) {
    try {
      snapshot[name] = read(name);
    } catch {
      snapshot[name] = '<uninitialized>';
    }
  }
  return `[Module: null prototype] ${inspect(snapshot, { ...options, depth }).replace(/^\[Object: null prototype\] /, '')}`;
}
