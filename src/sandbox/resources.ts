import { createHook } from 'node:async_hooks';
import { currentRun, type RunState } from './run-state.js';
import { RunSlot } from './run-slot.js';

/** Resource types Node creates for its own bookkeeping: they never keep a process alive. */
const IGNORED_TYPES = new Set(['PROMISE', 'TickObject', 'Microtask', 'ELDHISTOGRAM']);

/**
 * Work handed to libuv or the thread pool, alive until its callback has run (other resources
 * without `hasRef()`, such as DNSCHANNEL or STREAM_END_OF_STREAM, never hold the loop).
 */
function isRequestType(type: string): boolean {
  return /REQ(?:UEST|WRAP|CALLBACK|PROMISE)?$/.test(type) || type === 'QUERYWRAP' || type === 'CONNECTWRAP' ||
    type === 'WRITEWRAP' || type === 'SHUTDOWNWRAP';
}

interface TrackedResource {
  type: string;
  resource: { hasRef?: () => boolean; _destroyed?: boolean; _onTimeout?: unknown };
  /** A request is done once its callback has run; a handle lives until closed or unref'd. */
  done: boolean;
  /** Holds the creation stack, formatted only if a timeout lists it. */
  origin: { stack?: string };
}

/** The resources a run created, by async id. */
const tracked = new RunSlot<Map<number, TrackedResource>>();
/** async id → run, for hooks that fire outside the run's context (destroy). */
const owners = new Map<number, RunState>();

let activeRuns = 0;

/**
 * A connection a run's server accepted is created by Node outside any context (nodejs/node#37866):
 * it belongs to the run all the same. `asyncReset()` (what Node's http agent uses to move a
 * socket to a new request) re-creates the handle's async context inside the run; that waits for
 * the current tick, as the handle's init is still being reported.
 */
function adopt(resource: object, run: RunState): void {
  const handle = resource as { asyncReset?: (resource: object) => void };
  if (typeof handle.asyncReset !== 'function') return;
  process.nextTick(() => {
    // The resource hooks and AsyncLocalStorage see stays the handle itself.
    if (!run.ended) currentRun.run(run, () => handle.asyncReset!(handle));
  });
}

/** Runs `fn` outside every run, marking what it creates as the library's own (never adopted). */
export function outsideRuns<T>(fn: () => T): T {
  internal++;
  try {
    // Not currentRun.exit(): on Node 20 and 22 it disables the storage and enables it again,
    // switching the async hooks off and on (about 1.3 µs, several times per run).
    return currentRun.run(undefined as unknown as RunState, fn);
  } finally {
    internal--;
  }
}

let internal = 0;

/** Every async resource created while the hook is on, by anyone: see {@link asyncResourcesCreated}. */
let created = 0;

/**
 * How many async resources (promises, ticks, timers, requests…) have been created while runs are
 * in flight. Unchanged over a stretch of a run's code means that code queued nothing at all.
 */
export function asyncResourcesCreated(): number {
  return created;
}

const hook = createHook({
  init(asyncId, type, triggerAsyncId, resource) {
    created++;
    if (IGNORED_TYPES.has(type)) return;
    let run = currentRun.getStore();
    if (!run) {
      if (internal > 0) return;
      run = owners.get(triggerAsyncId);
      if (!run || run.ended) return;
      adopt(resource as object, run);
    }
    if (run.ended) return;
    const origin: { stack?: string } = {};
    // Where it was created, for the pending list of a timeout: a few microseconds, so only for
    // what can outlive the moment (timers, servers, sockets, children), not for immediates and
    // requests, which a run creates by the thousand and which finish at once.
    if (type === 'Timeout' || (type !== 'Immediate' && typeof (resource as { hasRef?: unknown }).hasRef === 'function')) {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 12;
      Error.captureStackTrace(origin);
      Error.stackTraceLimit = limit;
    }
    let resources = tracked.get(run);
    if (!resources) tracked.set(run, (resources = new Map()));
    resources.set(asyncId, { type, resource: resource as TrackedResource['resource'], done: false, origin });
    owners.set(asyncId, run);
  },
  after(asyncId) {
    const run = owners.get(asyncId);
    if (!run) return;
    const entry = tracked.get(run)?.get(asyncId);
    // A request is done once its callback has run; a zlib handle serves every chunk of its stream.
    if (entry && typeof entry.resource.hasRef !== 'function' && entry.type !== 'ZLIB') entry.done = true;
    run.onActivity();
  },
  // No destroy hook: it would make Node register a destroy callback on every promise. What is
  // dead is found by looking (`_destroyed`, `hasRef()`, a request's callback having run).
});

/**
 * A native addon's async work (`napi_create_async_work`), which node's loop waits for: its
 * resource is the promise napi-rs returns for it (rollup's `parseAsync`, oxc's, swc's), or the
 * empty object Node-API makes when the addon gives none. Alive until its completion has run.
 */
function isAddonWork(resource: object): boolean {
  if (resource instanceof Promise) return true;
  return Object.getPrototypeOf(resource) === Object.prototype && Reflect.ownKeys(resource).length === 0;
}

/** Node's crypto jobs (`RandomBytesJob`, `PBKDF2Job`…): one class serves the sync and the async call. */
const CRYPTO_JOB = /^(?:RANDOMBYTES|RANDOMPRIME|CHECKPRIME|PBKDF2|SCRYPT|HKDF|KEYGEN|KEYPAIRGEN|KEYEXPORT|CIPHER|DERIVEBITS|HASH|SIGN)REQUEST$/;

function isAlive(entry: TrackedResource): boolean {
  if (entry.done) return false;
  const { resource } = entry;
  // A synchronous call (`randomUUID()`, `randomBytes(n)`, `pbkdf2Sync`) runs its job at once and
  // never calls back: only an asynchronous one is given an `ondone`, and waits on the thread pool.
  if (CRYPTO_JOB.test(entry.type)) return typeof (resource as { ondone?: unknown }).ondone === 'function';
  if (isAddonWork(resource)) return true;
  if (resource._destroyed === true) return false;
  if (typeof resource.hasRef === 'function') return resource.hasRef();
  if (entry.type === 'ZLIB') {
    // Compression runs on the thread pool: alive while a chunk is there (Node's zlib sets the
    // handle's `buffer` while it processes one), as Node's loop waits for that work and no more.
    const stream = ownerOf(resource as object) as { destroyed?: boolean } | undefined;
    return (resource as { buffer?: unknown }).buffer != null && stream?.destroyed !== true;
  }
  return isRequestType(entry.type);
}

/** Whether the run holds a handle (a socket, server, pipe, child) besides timers. */
export function holdsHandles(run: RunState): boolean {
  for (const entry of tracked.get(run)?.values() ?? []) {
    if (entry.type !== 'Timeout' && typeof entry.resource.hasRef === 'function' && isAlive(entry)) return true;
  }
  return false;
}

/** Starts tracking what the run creates. The hook is enabled only while runs are in flight. */
export function beginTracking(): void {
  if (activeRuns++ === 0) hook.enable();
}

/** Whether anything the run created can still call back into it (Node's "loop is alive"). */
export function hasAliveResources(run: RunState): boolean {
  const resources = tracked.get(run);
  if (!resources) return false;
  let alive = false;
  for (const [asyncId, entry] of resources) {
    if (isAlive(entry)) alive = true;
    else if (entry.done || entry.resource._destroyed === true) {
      // Finished for good (an unref'd timer may be ref'd again; these cannot come back).
      resources.delete(asyncId);
      owners.delete(asyncId);
    }
  }
  return alive;
}

/** What is still alive: kind and the first frame of the run's code that created it. */
export function aliveResources(run: RunState, isUserFrame: (line: string) => boolean): { kind: string; stack: string }[] {
  const alive: { kind: string; stack: string }[] = [];
  for (const entry of tracked.get(run)?.values() ?? []) {
    if (!isAlive(entry)) continue;
    const frame = (entry.origin.stack ?? '').split('\n').find(isUserFrame) ?? '';
    alive.push({ kind: entry.type, stack: frame.trim().replace(/^at /, '') });
  }
  return alive;
}

/** The JavaScript object a native handle belongs to (a net.Server, a Socket, a ChildProcess). */
function ownerOf(handle: object): Record<string, unknown> | undefined {
  const key = Object.getOwnPropertySymbols(handle).find((symbol) => symbol.description === 'owner_symbol');
  const owner = key && (handle as Record<symbol, unknown>)[key];
  return owner && typeof owner === 'object' ? (owner as Record<string, unknown>) : undefined;
}

/** Stops one resource for good: a timer cleared, a server closed, a socket destroyed, a child killed. */
function stop(entry: TrackedResource): void {
  const resource = entry.resource as Record<string, unknown>;
  if (entry.type === 'Timeout') {
    clearTimeout(resource as unknown as NodeJS.Timeout);
    return;
  }
  if (entry.type === 'Immediate') {
    clearImmediate(resource as unknown as NodeJS.Immediate);
    return;
  }
  if (!isAlive(entry) || typeof resource.hasRef !== 'function') return;
  const owner = ownerOf(resource);
  try {
    if (owner && typeof owner.kill === 'function' && 'pid' in owner) (owner.kill as () => void)();
    else if (owner && typeof owner.close === 'function' && 'listening' in owner) (owner.close as () => void)();
    else if (owner && typeof owner.destroy === 'function') (owner.destroy as () => void)();
    else if (typeof resource.close === 'function') (resource.close as () => void)();
  } catch {
    // already closing: nothing more to stop
  }
}

/** Ends tracking: stops everything of the run that is still alive, so nothing of it runs again. */
export function endTracking(run: RunState): void {
  for (const [asyncId, entry] of tracked.get(run) ?? []) {
    stop(entry);
    owners.delete(asyncId);
  }
  tracked.delete(run);
  if (--activeRuns === 0) hook.disable();
}
