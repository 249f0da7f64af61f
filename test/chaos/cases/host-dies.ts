/**
 * The host process dies: what a script (or a caller) does that a vitest worker would not survive —
 * names `vm.compileFunction` cannot take, thrown values whose inspection throws (at top level,
 * from a callback, as a rejection reason), 'exit' listeners that throw, and the host's own
 * methods reached through the run's `process`.
 */
import type { ChaosCase } from '../chaos-case.js';

const revoked = 'const { proxy, revoke } = Proxy.revocable({}, {});\nrevoke();\n';
const trapping = "const proxy = new Proxy({}, { get() { throw new Error('trap'); } });\n";
const stackGetter = "const error = new Error('message');\nObject.defineProperty(error, 'stack', { get() { throw new Error('stack getter'); } });\n";
const nameGetter = "const error = new TypeError('message');\nObject.defineProperty(error, 'name', { get() { throw new Error('name getter'); } });\n";

/**
 * Node's own internals trip over the value here (its report starts inside node:internal, with a
 * TypeError of its own): what stays comparable is the exit code and stdout.
 */
const nodeCrashes: Partial<ChaosCase> = {
  compare: ['exitCode', 'stdout'],
  why: "node's report is of its own internals failing on the value",
};

const initGlobals = (value: string, pattern: RegExp): ChaosCase => ({
  name: `initGlobals ${value} is a usage error naming the problem`,
  family: 'host-dies',
  files: { 'main.js': "console.log('ran');\n" },
  call: `runAsMain(entry, { cwd: dir, initGlobals: ${value} })`,
  expect: { usageError: pattern },
});

export const hostDiesCases: ChaosCase[] = [
  initGlobals("{ 'a-b': 1 }", /initGlobals.*"a-b"/),
  initGlobals('[1, 2]', /initGlobals/),
  initGlobals("{ '1st': 1 }", /initGlobals.*"1st"/),
  initGlobals("{ '': 1 }", /initGlobals.*""/),
  initGlobals("{ 'two words': 1 }", /initGlobals.*"two words"/),
  {
    name: "loadPlugin with a string as its api is a usage error, not a crash on the string's indices",
    family: 'host-dies',
    files: { 'plugin_a.js': 'function hello() {}\n' },
    call: "loadPlugin(entry, 'abc', { cwd: dir })",
    expect: { usageError: /api/ },
  },
  { name: 'a thrown revoked proxy at top level is reported as node reports it', family: 'host-dies', files: { 'main.js': `${revoked}throw proxy;\n` } },
  { name: 'a thrown proxy whose get trap throws, at top level', family: 'host-dies', files: { 'main.js': `${trapping}throw proxy;\n` } },
  { name: 'a thrown revoked proxy at the top level of an ES module', family: 'host-dies', files: { 'main.mjs': `${revoked}throw proxy;\n` }, ...nodeCrashes },
  {
    name: 'a thrown proxy whose getPrototypeOf trap throws (instanceof Error asks it)',
    family: 'host-dies',
    files: { 'main.js': "throw new Proxy({}, { getPrototypeOf() { throw new Error('proto trap'); } });\n" },
  },
  { name: 'a thrown Error whose stack getter throws', family: 'host-dies', files: { 'main.js': `${stackGetter}throw error;\n` }, noThrowSite: true },
  { name: 'a thrown Error whose name getter throws', family: 'host-dies', files: { 'main.js': `${nameGetter}throw error;\n` } },
  {
    name: 'a thrown Error whose message getter throws',
    family: 'host-dies',
    files: { 'main.js': "const error = new Error('m');\nObject.defineProperty(error, 'message', { get() { throw new Error('message getter'); } });\nthrow error;\n" },
  },
  {
    name: 'a throwing Error.prepareStackTrace, then an uncaught error',
    family: 'host-dies',
    files: { 'main.js': "Error.prepareStackTrace = () => { throw new Error('prepare'); };\nthrow new Error('x');\n" },
    noThrowSite: true,
  },
  { name: 'a revoked proxy thrown from a timer', family: 'host-dies', files: { 'main.js': `${revoked}setTimeout(() => { throw proxy; }, 1);\n` } },
  { name: 'a proxy whose get trap throws, thrown from a timer', family: 'host-dies', files: { 'main.js': `${trapping}setTimeout(() => { throw proxy; }, 1);\n` } },
  { name: 'an Error with a throwing stack getter thrown from setImmediate', family: 'host-dies', files: { 'main.js': `${stackGetter}setImmediate(() => { throw error; });\n` }, noThrowSite: true },
  { name: 'a revoked proxy thrown from process.nextTick', family: 'host-dies', files: { 'main.js': `${revoked}process.nextTick(() => { throw proxy; });\n` } },
  { name: 'a proxy whose get trap throws, thrown from queueMicrotask', family: 'host-dies', files: { 'main.js': `${trapping}queueMicrotask(() => { throw proxy; });\n` }, ...nodeCrashes },
  { name: 'Promise.reject of a revoked proxy', family: 'host-dies', files: { 'main.js': `${revoked}Promise.reject(proxy);\n` }, ...nodeCrashes },
  { name: 'a rejection whose reason is a proxy with a throwing get trap', family: 'host-dies', files: { 'main.js': `${trapping}Promise.reject(proxy);\n` } },
  { name: 'an async function rejecting with an Error whose name getter throws', family: 'host-dies', files: { 'main.js': `${nameGetter}(async () => { throw error; })();\n` } },
  { name: 'an ES module awaiting the rejection of a revoked proxy', family: 'host-dies', files: { 'main.mjs': `${revoked}await Promise.reject(proxy);\n` }, ...nodeCrashes },
  {
    name: 'a thrown object whose util.inspect.custom throws',
    family: 'host-dies',
    files: { 'main.js': "throw { [Symbol.for('nodejs.util.inspect.custom')]() { throw new Error('custom inspect'); } };\n" },
  },
  {
    name: 'a thrown object whose constructor getter throws',
    family: 'host-dies',
    files: { 'main.js': "throw Object.create(null, { constructor: { get() { throw new Error('ctor'); } } });\n" },
  },
  {
    name: 'a thrown Error whose cause getter throws',
    family: 'host-dies',
    files: { 'main.js': "const error = new Error('outer');\nObject.defineProperty(error, 'cause', { get() { throw new Error('cause getter'); } });\nthrow error;\n" },
  },
  { name: 'a thrown AggregateError holding a revoked proxy', family: 'host-dies', files: { 'main.js': `${revoked}throw new AggregateError([proxy, new Error('inner')], 'many');\n` } },
  {
    name: "an 'exit' listener that throws when the run ends by itself",
    family: 'host-dies',
    files: { 'main.js': "process.on('exit', () => { throw new Error('in exit'); });\nconsole.log('ran');\n" },
  },
  {
    name: "an 'exit' listener that throws after process.exit(2)",
    family: 'host-dies',
    files: { 'main.js': "process.on('exit', (code) => { console.log('exit', code); throw new Error('in exit'); });\nprocess.exit(2);\n" },
  },
  { name: "an 'exit' listener that throws a revoked proxy", family: 'host-dies', files: { 'main.js': `${revoked}process.on('exit', () => { throw proxy; });\n` } },
  {
    name: "an 'uncaughtException' listener that throws a revoked proxy",
    family: 'host-dies',
    files: { 'main.js': `${revoked}process.on('uncaughtException', () => { throw proxy; });\nthrow new Error('first');\n` },
  },
  {
    name: 'delete process.exit, then process.exit(3), is a TypeError in the run, not an exit of the host',
    family: 'host-dies',
    files: { 'main.js': "console.log('before');\ndelete process.exit;\nprocess.exit(3);\n" },
  },
  {
    name: 'delete process.exit in an ES module, then process.exit(3)',
    family: 'host-dies',
    files: { 'main.mjs': "import process from 'node:process';\ndelete process.exit;\nprocess.exit(3);\n" },
  },
  {
    name: 'delete process.kill, then process.kill(process.pid) does not signal the host',
    family: 'host-dies',
    files: { 'main.js': 'delete process.kill;\nprocess.kill(process.pid);\n' },
  },
  {
    name: 'delete process.reallyExit, then process.reallyExit(4) does not exit the host',
    family: 'host-dies',
    files: { 'main.js': 'delete process.reallyExit;\nprocess.reallyExit(4);\n' },
  },
  {
    name: 'delete process.abort, then process.abort() does not abort the host',
    family: 'host-dies',
    files: { 'main.js': 'delete process.abort;\nprocess.abort();\n' },
  },
  {
    name: 'globalThis.process.exit(4) ends the run, not the host',
    family: 'host-dies',
    files: { 'main.js': "console.log('before');\nglobalThis.process.exit(4);\n" },
  },
  {
    name: 'globalThis.process.kill(process.pid) ends the run with SIGTERM, not the host',
    family: 'host-dies',
    files: { 'main.js': 'globalThis.process.kill(globalThis.process.pid);\n' },
  },
  { name: 'process.exit of a revoked proxy', family: 'host-dies', files: { 'main.js': `${revoked}process.exit(proxy);\n` } },
  {
    name: 'process.exitCode set to a value whose conversion throws',
    family: 'host-dies',
    files: { 'main.js': "process.exitCode = { [Symbol.toPrimitive]() { throw new Error('prim'); } };\n" },
  },
  {
    name: 'the prototype of process set to null, then the run ends by itself',
    family: 'host-dies',
    files: { 'main.js': "console.log('before');\nObject.setPrototypeOf(process, null);\n" },
  },
];
