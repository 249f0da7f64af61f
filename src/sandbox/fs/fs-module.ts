import realFs from 'node:fs';
import { currentRun, type RunState } from '../run-state.js';
import { RunSlot } from '../run-slot.js';
import type { Call } from './call-kinds.js';
import { dispatcher, type MemoryLookup, type RunStreamClasses } from './dispatch.js';
import type { RunVolume } from './run-volume.js';

/**
 * The `fs` and `fs/promises` modules every run sees (SPEC §5). One object for all runs,
 * dispatching on the current run (dispatch.ts):
 * - fds 0, 1 and 2 are the run's stdin, stdout and stderr (`fs.readFileSync(0)`, `/dev/stdin`,
 *   `fs.writeSync(1, …)`);
 * - in 'memory' and 'overlay' every call goes to the run's volume (run-volume.ts), never to disk;
 * - in 'real' calls go to Node's fs, with relative paths resolved against the run's cwd.
 * Outside runs it is the real `fs`.
 */

const memoryFs = (volume: RunVolume) => volume.fs as unknown as Record<string, unknown>;

const fsLookup: MemoryLookup = (volume, member) => {
  const fn = memoryFs(volume)[member];
  return typeof fn === 'function' ? (fn as Call) : undefined;
};
const promisesLookup: MemoryLookup = (volume, member) => {
  const fn = (volume.fs.promises as unknown as Record<string, unknown>)[member];
  return typeof fn === 'function' ? (fn as Call).bind(volume.fs.promises) : undefined;
};

/** The functions of Node's `fs` (or `fs/promises`) a run's module makes its own. */
function dispatchableNames(real: Record<string, unknown>): Set<string> {
  // Classes and constants stay Node's own (the stream classes are the run's, below).
  return new Set(
    Object.keys(real).filter((name) => typeof real[name] === 'function' && !/^[A-Z]/.test(name) && !name.startsWith('_')),
  );
}

/** What a run's `fs` (or `fs/promises`) is made from: Node's module, its names in Node's order. */
interface FsModuleShape {
  real: Record<string, unknown>;
  names: readonly string[];
  nameSet: ReadonlySet<string>;
  dispatchable: ReadonlySet<string>;
  lookup: MemoryLookup;
}

function fsModuleShape(real: Record<string, unknown>, lookup: MemoryLookup): FsModuleShape {
  // All own names: some are not enumerable (Node 24's deprecated F_OK…), and stay so.
  const names = Object.getOwnPropertyNames(real);
  return { real, names, nameSet: new Set(names), dispatchable: dispatchableNames(real), lookup };
}

/**
 * A run's `fs` (or `fs/promises`): a Proxy whose properties are own and described as on Node's
 * (fs-extra and graceful-fs copy them), each made on first touch: a function for the module's
 * run, or Node's own property (constants, classes). Defining them all up front (as
 * accessors) cost ~40 µs a run; a run pays for what it uses. Assigning or deleting one (graceful-fs
 * patches fs.close) changes that run's module only.
 */
class FsModuleHandler implements ProxyHandler<Record<string | symbol, unknown>> {
  private deleted: Set<string | symbol> | undefined;

  constructor(
    private readonly shape: FsModuleShape,
    private readonly owner: RunState | undefined,
  ) {}

  private isDeleted(key: string | symbol): boolean {
    return this.deleted?.has(key) === true;
  }

  /** Makes `key` an own property of the module, once. */
  private materialize(target: Record<string | symbol, unknown>, key: string | symbol): void {
    if (typeof key !== 'string' || !this.shape.nameSet.has(key) || this.isDeleted(key) || Object.hasOwn(target, key)) return;
    const { real, dispatchable, lookup } = this.shape;
    const descriptor = Object.getOwnPropertyDescriptor(real, key)!;
    if (dispatchable.has(key)) descriptor.value = dispatcher(key, real[key] as Call, lookup, streams, this.owner);
    Object.defineProperty(target, key, descriptor);
  }

  get(target: Record<string | symbol, unknown>, key: string | symbol, receiver: unknown): unknown {
    this.materialize(target, key);
    return Reflect.get(target, key, receiver);
  }

  getOwnPropertyDescriptor(target: Record<string | symbol, unknown>, key: string | symbol): PropertyDescriptor | undefined {
    this.materialize(target, key);
    return Reflect.getOwnPropertyDescriptor(target, key);
  }

  has(target: Record<string | symbol, unknown>, key: string | symbol): boolean {
    if (typeof key === 'string' && this.shape.nameSet.has(key) && !this.isDeleted(key)) return true;
    return Reflect.has(target, key);
  }

  ownKeys(target: Record<string | symbol, unknown>): (string | symbol)[] {
    const keys: (string | symbol)[] = this.shape.names.filter((name) => !this.isDeleted(name));
    for (const key of Reflect.ownKeys(target)) if (typeof key !== 'string' || !this.shape.nameSet.has(key)) keys.push(key);
    return keys;
  }

  deleteProperty(target: Record<string | symbol, unknown>, key: string | symbol): boolean {
    if (typeof key === 'string' && this.shape.nameSet.has(key)) (this.deleted ??= new Set()).add(key);
    return Reflect.deleteProperty(target, key);
  }

  defineProperty(target: Record<string | symbol, unknown>, key: string | symbol, descriptor: PropertyDescriptor): boolean {
    this.deleted?.delete(key);
    return Reflect.defineProperty(target, key, descriptor);
  }
}

const fsShape = fsModuleShape(realFs as unknown as Record<string, unknown>, fsLookup);
const promisesShape = fsModuleShape(realFs.promises as unknown as Record<string, unknown>, promisesLookup);

/** Options for Node's stream classes that make them read and write through the run's fs. */
function streamOptions(options: unknown, run: RunState | undefined): Record<string, unknown> {
  const given = typeof options === 'string' ? { encoding: options } : ((options ?? {}) as Record<string, unknown>);
  if (!run || run.options.fs === 'real' || given.fs) return given;
  return { ...given, fs: fsModulesOf(run).fs };
}

type StreamClass<T> = new (file: string, options: unknown) => T;

/** `fs.ReadStream` as a run sees it: Node's, over the run's filesystem. */
class RunReadStream extends (realFs.ReadStream as unknown as StreamClass<realFs.ReadStream>) {
  constructor(file: unknown, options?: unknown, owner?: RunState) {
    const run = currentRun.getStore() ?? owner;
    // The path stays as given (`stream.path`): the run's fs resolves it against the run's cwd.
    super(file as string, streamOptions(options, run));
  }
}

/** `fs.WriteStream` as a run sees it: Node's, over the run's filesystem. */
class RunWriteStream extends (realFs.WriteStream as unknown as StreamClass<realFs.WriteStream>) {
  constructor(file: unknown, options?: unknown, owner?: RunState) {
    const run = currentRun.getStore() ?? owner;
    super(file as string, streamOptions(options, run));
  }
}

/** The stream classes a run's fs functions make. */
const streams: RunStreamClasses = { ReadStream: RunReadStream, WriteStream: RunWriteStream };

/** The `fs` and `fs/promises` a module of `owner` gets (or, without an owner, the shared ones). */
function buildFsModules(owner: RunState | undefined): { fs: typeof realFs; promises: typeof realFs.promises } {
  // Targets made with Object.create, not a literal: see CONTRIBUTING.md, "Objects made per run".
  const promises = new Proxy(Object.create(Object.prototype) as Record<string | symbol, unknown>, new FsModuleHandler(promisesShape, owner)) as unknown as typeof realFs.promises;
  const fsTarget = Object.create(Object.prototype) as Record<string | symbol, unknown>;
  for (const [key, value] of Object.entries({
    promises,
    ReadStream: RunReadStream,
    WriteStream: RunWriteStream,
    FileReadStream: RunReadStream,
    FileWriteStream: RunWriteStream,
  })) {
    Object.defineProperty(fsTarget, key, { configurable: true, enumerable: key !== 'FileReadStream' && key !== 'FileWriteStream', writable: true, value });
  }
  const fs = new Proxy(fsTarget, new FsModuleHandler(fsShape, owner)) as unknown as typeof realFs;
  return { fs, promises };
}

const runFsModules = new RunSlot<ReturnType<typeof buildFsModules>>();

/** The `fs` modules of one run: made on its first `require('fs')`, bound to it for good. */
export function fsModulesOf(run: RunState): ReturnType<typeof buildFsModules> {
  let modules = runFsModules.get(run);
  if (!modules) {
    modules = buildFsModules(run);
    runFsModules.set(run, modules);
  }
  return modules;
}

const shared = buildFsModules(undefined);
/** The `fs` of code that no run owns (modules shared between runs): dispatches on the current run. */
export const fsFacade = shared.fs;
export const fsPromisesFacade = shared.promises;
