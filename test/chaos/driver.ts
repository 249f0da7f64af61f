/**
 * The chaos battery's driver (bundled with the library and run in a child `node` by
 * chaos.test.ts): a host like a vitest worker, running hostile cases in-process one after the
 * other. For each case it snapshots its own world, makes the case's call, records what came back,
 * compares its world with the snapshot (and puts it back, so that the next case starts clean),
 * then runs the probes — ordinary scripts whose results must be those of a fresh node. It reports
 * one JSON line per case on fd 3; its own stdout and stderr are files, so that output a run leaks
 * to the host is seen. A host crash kills this process: the parent reports it and starts another.
 *
 * After a case, only references captured at load are used until the world is put back.
 */
import { fstatSync, readFileSync, readSync, writeSync } from 'node:fs';
import * as library from '../../src/index.js';
import { type Comparable, comparable, differences } from './normalize.js';
import { compareWorld, materializeLazyGlobals, snapshotWorld } from './world.js';

export interface DriverCase {
  id: string;
  /** A JS expression: the call under test, with the library's exports, `entry` and `dir` in scope. */
  call: string;
  entry: string;
  dir: string;
  /** Changes the script makes that the SPEC lets persist (edits to built-in prototypes): prefixes of change lines. */
  leaves: string[];
  /** Give up on the call after this long (a hang of the library, not of the script). */
  limitMs: number;
}

export interface ProbeSpec {
  name: string;
  entry: string;
  dir: string;
  expected: Comparable;
}

export interface DriverPlan {
  cases: DriverCase[];
  probes: ProbeSpec[];
}

export interface ValueSummary {
  kind: 'run-result' | 'value';
  /** RunResult fields, when it is one. */
  exitCode?: number;
  stdout?: string;
  stderr?: string;
  ok?: boolean;
  timedOut?: boolean;
  signal?: string;
  leakedGlobals?: string[];
  traceback?: string;
  files?: string[];
  error?: string;
  /** The run's error is not an Error (`throw null`, a proxy): Node's report has a throw site ours lacks (README). */
  errorIsNotAnError?: boolean;
  /** Anything else, made JSON-safe. */
  value?: unknown;
}

export interface CaseReport {
  id: string;
  outcome: 'resolved' | 'rejected' | 'hung';
  value?: ValueSummary;
  rejection?: { name: string; message: string };
  /** Changes to the host after the run, except those in `leaves`. */
  changes: string[];
  /** Changes the case says the script may leave (put back by the driver before the probes). */
  allowed: string[];
  hostOutput: { stdout: string; stderr: string };
  /** What each probe got wrong, by probe name (empty when all were as in a fresh node). */
  probeProblems: string[];
  /** Changes to the host made by the probes themselves (a poisoned engine). */
  changesByProbes: string[];
  /** How long the case took, probes included. */
  ms: number;
}

const now = performance.now.bind(performance);
const setTimeoutReal = setTimeout;
const clearTimeoutReal = clearTimeout;
const setImmediateReal = setImmediate;
const PromiseReal = Promise;
const JsonStringify = JSON.stringify;
const JsonParse = JSON.parse;
const StringOf = String;
const ObjectKeys = Object.keys;
const ArrayIsArray = Array.isArray;
const ReflectApply = Reflect.apply;
const ReflectOwnKeys = Reflect.ownKeys;
const ReflectGetOwnPropertyDescriptor = Reflect.getOwnPropertyDescriptor;
const ObjectPrototypeToString = Object.prototype.toString;
const ObjectGetPrototypeOf = Object.getPrototypeOf;
const FunctionConstructor = Function;
const promiseThen = Promise.prototype.then;
const arrayPush = Array.prototype.push;
const stringStartsWith = String.prototype.startsWith;
const bufferAlloc = Buffer.alloc;
const bufferToString = Buffer.prototype.toString;

const REPORT_FD = 3;
/** Ends the driver even while a broken run still holds handles. */
const exitReal = (process as unknown as { reallyExit(code: number): never }).reallyExit.bind(process);

function send(message: unknown): void {
  writeSync(REPORT_FD, `${JsonStringify(message)}\n`);
}

function push<T>(list: T[], item: T): void {
  ReflectApply(arrayPush, list, [item]);
}

/** A value's own data property, without running getters or traps that throw. */
function field(value: unknown, key: string): unknown {
  try {
    const descriptor = ReflectGetOwnPropertyDescriptor(value as object, key);
    return descriptor && 'value' in descriptor ? descriptor.value : undefined;
  } catch {
    return undefined;
  }
}

/** An error's `name`, own or from its prototypes, without running getters. */
function nameOf(value: unknown): string {
  try {
    for (let object = value, depth = 0; object !== null && typeof object === 'object' && depth < 8; object = ObjectGetPrototypeOf(object), depth++) {
      const name = field(object, 'name');
      if (typeof name === 'string') return name;
    }
  } catch {
    // a proxy's trap threw
  }
  return '';
}

function describeError(value: unknown): string {
  try {
    if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
      const name = nameOf(value) || 'Error';
      const message = field(value, 'message');
      if (typeof message === 'string') return `${name}: ${message}`;
      return ReflectApply(ObjectPrototypeToString, value, []) as string;
    }
    return `${typeof value} ${StringOf(value)}`;
  } catch {
    return '<uninspectable>';
  }
}

function isError(value: unknown): boolean {
  try {
    return value instanceof Error;
  } catch {
    return false;
  }
}

/** A JSON-safe picture of any value, a few levels deep, never running a getter. */
function jsonSafe(value: unknown, depth = 0): unknown {
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'undefined') return '[undefined]';
  if (typeof value === 'function') return `[function ${StringOf(field(value, 'name') ?? '')}]`;
  if (typeof value !== 'object') return `[${typeof value}]`;
  if (depth > 3) return '[deep]';
  try {
    if (value instanceof Error) return `[${describeError(value)}]`;
    if (ArrayIsArray(value)) {
      const items: unknown[] = [];
      for (let i = 0; i < (value as unknown[]).length && i < 50; i++) push(items, jsonSafe((value as unknown[])[i], depth + 1));
      return items;
    }
    const out: Record<string, unknown> = {};
    const keys = ReflectOwnKeys(value);
    for (let i = 0; i < keys.length && i < 50; i++) {
      const key = keys[i]!;
      if (typeof key === 'symbol') continue;
      const descriptor = ReflectGetOwnPropertyDescriptor(value, key);
      out[key] = descriptor && 'value' in descriptor ? jsonSafe(descriptor.value, depth + 1) : '[accessor]';
    }
    return out;
  } catch {
    return '[uninspectable]';
  }
}

const RUN_RESULT_KEYS = ['ok', 'exitCode', 'signal', 'namespace', 'exports', 'stdout', 'stderr', 'output', 'error', 'traceback'];

function summarize(value: unknown): ValueSummary {
  const looksLikeResult =
    value !== null && typeof value === 'object' && RUN_RESULT_KEYS.every((key) => ReflectGetOwnPropertyDescriptor(value, key) !== undefined);
  if (!looksLikeResult) return { kind: 'value', value: jsonSafe(value) };
  const files = field(value, 'files');
  return {
    kind: 'run-result',
    exitCode: field(value, 'exitCode') as number,
    stdout: field(value, 'stdout') as string,
    stderr: field(value, 'stderr') as string,
    ok: field(value, 'ok') as boolean,
    timedOut: field(value, 'timedOut') as boolean,
    signal: field(value, 'signal') as string | undefined,
    leakedGlobals: jsonSafe(field(value, 'leakedGlobals')) as string[],
    traceback: field(value, 'traceback') as string,
    files: files && typeof files === 'object' ? ObjectKeys(files) : [],
    error: field(value, 'error') === undefined ? undefined : describeError(field(value, 'error')),
    errorIsNotAnError: field(value, 'traceback') !== '' && !isError(field(value, 'error')),
  };
}

/** Bytes appended to one of this process's own output files since `from`. */
function appendedOutput(fd: 1 | 2, from: number): string {
  const size = fstatSync(fd).size;
  if (size <= from) return '';
  const buffer = ReflectApply(bufferAlloc, Buffer, [size - from]) as Buffer;
  readSync(fd, buffer, 0, size - from, from);
  return ReflectApply(bufferToString, buffer, []) as string;
}

/** Waits `ms` on a timer captured at load (a script may have replaced or deleted the global one). */
function sleep(ms: number): Promise<void> {
  return new PromiseReal((resolve) => {
    setTimeoutReal(resolve, ms);
  });
}

function immediate(): Promise<void> {
  return new PromiseReal((resolve) => {
    setImmediateReal(resolve);
  });
}

interface Settled {
  outcome: CaseReport['outcome'];
  value?: unknown;
  error?: unknown;
}

/** The call's outcome, kept out of promise resolution (a thenable result would be adopted). */
function settle(call: () => unknown, limitMs: number): Promise<Settled> {
  return new PromiseReal((resolve) => {
    // Null-prototype objects: a script may have put a `then` on Object.prototype.
    const timer = setTimeoutReal(() => resolve({ __proto__: null, outcome: 'hung' } as Settled), limitMs);
    const done = (settled: Settled): void => {
      clearTimeoutReal(timer);
      resolve(settled);
    };
    let returned: unknown;
    try {
      returned = call();
    } catch (error) {
      done({ __proto__: null, outcome: 'rejected', error } as Settled);
      return;
    }
    if (!(returned instanceof PromiseReal)) {
      done({ __proto__: null, outcome: 'resolved', value: returned } as Settled);
      return;
    }
    ReflectApply(promiseThen, returned, [
      (value: unknown) => done({ __proto__: null, outcome: 'resolved', value } as Settled),
      (error: unknown) => done({ __proto__: null, outcome: 'rejected', error } as Settled),
    ]);
  });
}

const scope = { ...library };
const scopeNames = Object.keys(scope);

function makeCall(testCase: DriverCase): () => unknown {
  const fn = new FunctionConstructor(...scopeNames, 'entry', 'dir', `return (${testCase.call});`) as (...args: unknown[]) => unknown;
  const args = scopeNames.map((name) => (scope as Record<string, unknown>)[name]);
  return () => ReflectApply(fn, undefined, [...args, testCase.entry, testCase.dir]);
}

async function runProbes(probes: ProbeSpec[]): Promise<string[]> {
  const problems: string[] = [];
  for (const probe of probes) {
    const settled = await settle(() => library.runAsMain(probe.entry, { cwd: probe.dir }), 10_000);
    if (settled.outcome !== 'resolved') {
      problems.push(`probe ${probe.name}: ${settled.outcome} ${settled.outcome === 'rejected' ? describeError(settled.error) : ''}`);
      continue;
    }
    const summary = summarize(settled.value);
    if (summary.kind !== 'run-result') {
      problems.push(`probe ${probe.name}: resolved to ${JSON.stringify(summary.value)}, not a RunResult`);
      continue;
    }
    for (const line of differences(comparable(summary as Comparable, probe.dir), probe.expected)) problems.push(`probe ${probe.name}: ${line}`);
  }
  return problems;
}

function allowedBy(leaves: readonly string[], change: string): boolean {
  for (let i = 0; i < leaves.length; i++) {
    const leave = leaves[i]!;
    if (change === leave || ReflectApply(stringStartsWith, change, [`${leave} `]) || ReflectApply(stringStartsWith, change, [`${leave}.`])) return true;
  }
  return false;
}

/** A change the driver could not put back. */
function isLasting(change: string): boolean {
  return /could not be|non-extensible/.test(change);
}

async function runCase(testCase: DriverCase, probes: ProbeSpec[]): Promise<CaseReport> {
  const started = now();
  const before = snapshotWorld();
  const stdoutAt = fstatSync(1).size;
  const stderrAt = fstatSync(2).size;
  const settled = await settle(makeCall(testCase), testCase.limitMs);
  // Whatever the run left running: it gets a moment to show itself before the world is compared.
  await immediate();
  await sleep(5);
  const all = compareWorld(before, true);
  const changes: string[] = [];
  const allowed: string[] = [];
  for (let i = 0; i < all.length; i++) push(allowedBy(testCase.leaves, all[i]!) ? allowed : changes, all[i]!);
  const report: CaseReport = {
    id: testCase.id,
    outcome: settled.outcome,
    changes,
    allowed,
    hostOutput: { stdout: appendedOutput(1, stdoutAt), stderr: appendedOutput(2, stderrAt) },
    probeProblems: [],
    changesByProbes: [],
    ms: 0,
  };
  if (settled.outcome === 'resolved') report.value = summarize(settled.value);
  if (settled.outcome === 'rejected') {
    report.rejection = { name: nameOf(settled.error), message: StringOf(field(settled.error, 'message') ?? describeError(settled.error)) };
  }
  if (settled.outcome !== 'hung') {
    const probesBefore = snapshotWorld();
    report.probeProblems = await runProbes(probes);
    report.changesByProbes = compareWorld(probesBefore, true);
  }
  report.ms = Math.round(now() - started);
  return report;
}

/** Listeners of the host's own, as a test runner has them: a script must not remove them. */
function hostListener(): void {}

async function main(): Promise<void> {
  process.on('exit', hostListener);
  process.on('chaos-driver', hostListener);
  const plan = JsonParse(readFileSync(process.argv[2]!, 'utf8')) as DriverPlan;
  materializeLazyGlobals();
  // One run first: the library installs its dispatchers once, on the first run (not a change a case makes).
  await runProbes(plan.probes);
  // ...and loads what it needs for a syntax error's message on the first one (caught in the run:
  // an entry's own syntax error is a case of the battery).
  const warmDir = plan.probes[0]!.dir;
  await settle(
    () =>
      library.runSource("try { require('./bad.js'); } catch {}\nimport('./bad.ts').catch(() => {});\nimport('./bad.mjs').catch(() => {});\n", {
        filename: `${warmDir}/warm-up.js`,
        cwd: warmDir,
        files: { 'bad.js': 'const = 1;\n', 'bad.ts': 'const x: = 1;\n', 'bad.mjs': 'export const = 1;\n' },
      }),
    10_000,
  );
  materializeLazyGlobals();
  send({ ready: true });
  for (const testCase of plan.cases) {
    send({ start: testCase.id });
    const report = await runCase(testCase, plan.probes);
    send({ report });
    // A host left poisoned, or changed beyond repair: the next cases get a fresh process.
    if (report.outcome === 'hung' || report.probeProblems.length > 0 || report.changesByProbes.length > 0 || report.changes.some(isLasting)) {
      send({ stopped: testCase.id });
      exitReal(0);
    }
  }
  send({ done: true });
  exitReal(0);
}

void ReflectApply(promiseThen, main(), [
  undefined,
  (error: unknown) => {
    send({ driverError: describeError(error) });
    setImmediateReal(() => {
      throw error;
    });
  },
]);
