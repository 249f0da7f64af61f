import { types } from 'node:util';
import { builtinModuleName } from './builtin-modules.js';

/**
 * A value as a person reads it in a snapshot, a failure message or a table: plain data
 * (primitives, plain objects, arrays, Maps, Sets) in full; everything else named, not dumped —
 * functions and classes by name, modules as modules, class instances as `ClassName {…}`.
 *
 * Two steps, so that each renderer takes the one it needs: `describeValue` turns a value into a
 * tree of plain data (`ValueNode`: JSON-serialisable, e.g. for a `--json` report), and
 * `formatValue` / `layoutNode` lay that tree out as text, on one line where it fits.
 *
 * Deterministic and the same on every Node version: no `util.inspect` (its output changes between
 * releases), keys in their own order, getters not called, nothing read twice.
 */
export type ValueNode =
  /** A value shown as one piece of text: `1`, `"a"`, `[Function main]`, `Command {…}`. */
  | { kind: 'leaf'; text: string }
  /** Arrays and Sets: `[1, 2]`, `Set { 1, 2 }`. */
  | { kind: 'list'; open: string; close: string; items: ValueNode[] }
  /** Plain objects and Maps: `{ a: 1 }`, `Map { "a" => 1 }`. */
  | { kind: 'record'; open: string; close: string; entries: ValueEntry[] };

export interface ValueEntry {
  /** The key as written: `name`, `"two words"`, `[Symbol(id)]`, or a Map key's inline text. */
  key: string;
  /** `: ` for properties, ` => ` for Map entries. */
  separator: string;
  value: ValueNode;
}

export interface DescribeOptions {
  /** Applied to every string value before it is quoted (the serializer hides paths with it). */
  text?: (value: string) => string;
}

export interface FormatOptions extends DescribeOptions {
  /** Columns a line may take before a list or record breaks over several lines (default 80). */
  width?: number;
  /** Prepended to every line after the first (the column the value starts at). */
  indent?: string;
}

/** Deeper than this, plain data is cut (`[…]`): a guard against pathological nesting, not a limit for real data. */
const MAX_DEPTH = 64;

/**
 * The value as a tree of plain data.
 *
 * @example
 * describeValue(new Map([['a', 1]]))
 * // { kind: 'record', open: 'Map {', close: '}', entries: [{ key: '"a"', separator: ' => ', value: { kind: 'leaf', text: '1' } }] }
 */
export function describeValue(value: unknown, options: DescribeOptions = {}): ValueNode {
  return new Describer(options.text ?? ((text) => text)).describe(value, 0);
}

/**
 * The value as text: one line when it fits in `width`, otherwise one entry per line, each with a
 * trailing comma (a changed entry is a one-line diff).
 *
 * @example
 * formatValue({ name: 'Ada', greet() {} }) // '{ name: "Ada", greet: [Function greet] }'
 */
export function formatValue(value: unknown, options: FormatOptions = {}): string {
  return layoutNode(describeValue(value, options), options.width ?? 80, options.indent ?? '');
}

/** A described value on one line, however long. */
export function inlineNode(node: ValueNode): string {
  switch (node.kind) {
    case 'leaf':
      return node.text;
    case 'list': {
      if (node.items.length === 0) return `${node.open}${node.close}`;
      const items = node.items.map(inlineNode).join(', ');
      return node.open.endsWith('[') ? `${node.open}${items}${node.close}` : `${node.open} ${items} ${node.close}`;
    }
    case 'record': {
      if (node.entries.length === 0) return `${node.open}${node.close}`;
      return `${node.open} ${node.entries.map((entry) => `${entry.key}${entry.separator}${inlineNode(entry.value)}`).join(', ')} ${node.close}`;
    }
  }
}

/** A described value laid out in `width` columns, its lines after the first prefixed by `indent`. */
export function layoutNode(node: ValueNode, width: number, indent: string, used = indent.length): string {
  const inline = inlineNode(node);
  if (node.kind === 'leaf' || used + inline.length <= width) return inline;
  const inner = `${indent}  `;
  const lines =
    node.kind === 'list'
      ? node.items.map((item) => `${inner}${layoutNode(item, width, inner)},`)
      : node.entries.map((entry) => {
          const head = `${entry.key}${entry.separator}`;
          return `${inner}${head}${layoutNode(entry.value, width, inner, inner.length + head.length)},`;
        });
  return `${node.open}\n${lines.join('\n')}\n${indent}${node.close}`;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A property key as written in an object literal. */
export function formatKey(key: string | symbol): string {
  if (typeof key === 'symbol') return `[${key.toString()}]`;
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

class Describer {
  /** The objects on the path from the root to the value being described: a repeat is a cycle. */
  private readonly ancestors = new Set<object>();

  constructor(private readonly text: (value: string) => string) {}

  describe(value: unknown, depth: number): ValueNode {
    if (typeof value === 'function') return leaf(nameFunction(value));
    if (typeof value !== 'object' || value === null) return leaf(this.primitive(value));
    if (this.ancestors.has(value)) return leaf('[Circular]');
    try {
      const matcher = this.asymmetricMatcher(value);
      if (matcher !== undefined) return leaf(matcher);
      const named = nameObject(value);
      if (named !== undefined) return leaf(named);
      if (depth >= MAX_DEPTH) return leaf('[…]');
      this.ancestors.add(value);
      try {
        return this.container(value, depth + 1);
      } finally {
        this.ancestors.delete(value);
      }
    } catch {
      // a Proxy whose traps throw, a getter on the prototype chain that throws: named as such
      return leaf('[unreadable]');
    }
  }

  /**
   * An asymmetric matcher of vitest or jest (`expect.any(Function)`, `expect.stringMatching(/a/)`)
   * as they print it: a failure message shows what was expected in the same notation as what came.
   */
  private asymmetricMatcher(value: object): string | undefined {
    const matcher = value as { $$typeof?: unknown; toAsymmetricMatcher?: () => unknown; sample?: unknown };
    if (matcher.$$typeof !== Symbol.for('jest.asymmetricMatcher')) return undefined;
    if (typeof matcher.toAsymmetricMatcher === 'function') return String(matcher.toAsymmetricMatcher());
    const name = String(value);
    return 'sample' in matcher ? `${name} ${inlineNode(this.describe(matcher.sample, MAX_DEPTH - 1))}` : name;
  }

  private primitive(value: unknown): string {
    switch (typeof value) {
      case 'string':
        return JSON.stringify(this.text(value));
      case 'number':
        return Object.is(value, -0) ? '-0' : String(value);
      case 'bigint':
        return `${value}n`;
      case 'symbol':
        return value.toString();
      default:
        return String(value);
    }
  }

  /** Arrays, Maps, Sets and plain objects: described in full. */
  private container(value: object, depth: number): ValueNode {
    if (Array.isArray(value)) {
      const name = constructorName(value);
      const open = name === 'Array' ? '[' : `${name}(${value.length}) [`;
      const items: ValueNode[] = [];
      for (let index = 0; index < value.length; index++) {
        items.push(index in value ? this.describe(value[index], depth) : leaf('<empty>'));
      }
      return { kind: 'list', open, close: ']', items };
    }
    if (types.isMap(value)) {
      const entries = [...(value as Map<unknown, unknown>)].map(([key, item]) => ({
        key: inlineNode(this.describe(key, depth)),
        separator: ' => ',
        value: this.describe(item, depth),
      }));
      return { kind: 'record', open: 'Map {', close: '}', entries };
    }
    if (types.isSet(value)) {
      return { kind: 'list', open: 'Set {', close: '}', items: [...(value as Set<unknown>)].map((item) => this.describe(item, depth)) };
    }
    const entries: ValueEntry[] = [];
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
      if (!descriptor?.enumerable) continue;
      const shown =
        'value' in descriptor
          ? this.describe(descriptor.value, depth)
          : leaf(descriptor.get && descriptor.set ? '[Getter/Setter]' : descriptor.get ? '[Getter]' : '[Setter]');
      entries.push({ key: formatKey(key), separator: ': ', value: shown });
    }
    return { kind: 'record', open: '{', close: '}', entries };
  }
}

function leaf(text: string): ValueNode {
  return { kind: 'leaf', text };
}

/** `[Function main]`, `[AsyncFunction load]`, `[class Command]`; builtin modules that are functions by module name. */
function nameFunction(value: Function): string {
  const module = builtinModuleName(value);
  if (module !== undefined) return `[module ${module}]`;
  const name = safeName(value) || '(anonymous)';
  let source = '';
  try {
    source = Function.prototype.toString.call(value);
  } catch {
    // a revoked Proxy: named by what can be read
  }
  if (/^class\b/.test(source)) return `[class ${name}]`;
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  const kind = tag === 'AsyncFunction' || tag === 'GeneratorFunction' || tag === 'AsyncGeneratorFunction' ? tag : 'Function';
  return `[${kind} ${name}]`;
}

/**
 * The text of an object that is not plain data, or undefined for plain data. Checks that work
 * across realms (a vmThreads test file has other intrinsics than the run's).
 */
function nameObject(value: object): string | undefined {
  const module = builtinModuleName(value);
  if (module !== undefined) return `[module ${module}]`;
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  if (tag === 'Module') {
    // an ES module namespace: a builtin's is named after it, through its default export
    let inner: string | undefined;
    try {
      inner = builtinModuleName((value as { default?: unknown }).default);
    } catch {
      // a binding in its temporal dead zone
    }
    return inner === undefined ? '[module]' : `[module ${inner}]`;
  }
  if (Array.isArray(value)) return undefined;
  if (types.isMap(value) || types.isSet(value)) {
    const name = constructorName(value);
    return name === 'Map' || name === 'Set' ? undefined : `${name} {…}`;
  }
  if (types.isDate(value)) {
    const time = Date.prototype.getTime.call(value);
    return Number.isNaN(time) ? 'Date(Invalid Date)' : `Date(${Date.prototype.toISOString.call(value)})`;
  }
  if (types.isRegExp(value)) return RegExp.prototype.toString.call(value);
  if (types.isNativeError(value) || tag === 'Error') return nameError(value);
  if (types.isArrayBufferView(value)) {
    return `${constructorName(value)}(${(value as ArrayBufferView).byteLength})`;
  }
  if (types.isAnyArrayBuffer(value)) return `${constructorName(value)}(${(value as ArrayBuffer).byteLength})`;
  if (types.isBoxedPrimitive(value)) return `${constructorName(value)}(${String(value.valueOf())})`;
  if (isPlainObject(value)) return undefined;
  return `${constructorName(value)} {…}`;
}

function nameError(value: object): string {
  const error = value as { name?: unknown; message?: unknown };
  const name = typeof error.name === 'string' && error.name ? error.name : constructorName(value);
  const message = typeof error.message === 'string' ? error.message : '';
  return message ? `[${name}: ${message}]` : `[${name}]`;
}

/** Plain data: no prototype, or a realm's `Object.prototype` (a root object whose constructor is `Object`). */
function isPlainObject(value: object): boolean {
  const proto = Reflect.getPrototypeOf(value);
  if (proto === null) return true;
  if (Reflect.getPrototypeOf(proto) !== null) return false;
  const ctor = Reflect.getOwnPropertyDescriptor(proto, 'constructor')?.value;
  return typeof ctor === 'function' && ctor.name === 'Object';
}

/** The name of the class that made `value`: its constructor's, else its `Symbol.toStringTag`, else `Object`. */
export function constructorName(value: object): string {
  for (let proto = Reflect.getPrototypeOf(value); proto !== null; proto = Reflect.getPrototypeOf(proto)) {
    const ctor = Reflect.getOwnPropertyDescriptor(proto, 'constructor')?.value;
    if (typeof ctor === 'function') {
      const name = safeName(ctor);
      if (name) return name;
    }
  }
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  return tag || 'Object';
}

/** A function's own `name`, read without calling a getter (a class may define `static get name()`). */
export function safeName(value: Function): string {
  const name = Reflect.getOwnPropertyDescriptor(value, 'name')?.value;
  return typeof name === 'string' ? name : '';
}
