/**
 * The engine is poisoned for every later run: a failure that escapes the engine half-way (a
 * syntax error, an initGlobals name the compiler refuses), globals replaced or deleted and never
 * put back, the runs' shared `console` and `process` changed, the host's own `process` replaced or
 * changed through `globalThis.process`. The probes after each case show what a later run sees.
 */
import type { ChaosCase } from '../chaos-case.js';

const poisoned = (name: string, files: Record<string, string>, extra: Partial<ChaosCase> = {}): ChaosCase => ({
  name,
  family: 'poisoned',
  files,
  ...extra,
});

export const poisonedCases: ChaosCase[] = [
  poisoned('a syntax error in a .js entry that looks like CommonJS', { 'main.js': "console.log('never');\nconst = 1;\n" }),
  poisoned('a syntax error in a .js entry that looks like an ES module', { 'main.js': "import fs from 'node:fs';\nconst = 1;\n" }),
  poisoned('a syntax error in a .js entry of a "type": "module" package', { 'main.js': 'export const = 1;\n', 'package.json': '{ "type": "module" }\n' }),
  poisoned('a syntax error in a .cjs entry that ends too early', { 'main.cjs': 'function f() {\n  return 1;\n' }),
  poisoned('a syntax error in a .mjs entry', { 'main.mjs': "export const a = 1;\nlet b = ;\n" }),
  poisoned('a syntax error in a .ts entry', { 'main.ts': 'const x: number = 1;\nconst y: = 2;\n' }),
  poisoned('a syntax error in a .ts module imported by a .ts entry', { 'main.ts': "import { a } from './bad.ts';\nconsole.log(a);\n", 'bad.ts': 'export const a: = 1;\n' }),
  poisoned('a syntax error in a .js file required by a CommonJS entry', { 'main.js': "require('./bad.js');\n", 'bad.js': 'module.exports = {;\n' }),
  poisoned('a syntax error in a .mjs file imported by an ES module entry', { 'main.mjs': "import './bad.mjs';\n", 'bad.mjs': 'export default {;\n' }),
  poisoned('a syntax error in a dynamically imported module, caught', {
    'main.mjs': "try {\n  await import('./bad.mjs');\n} catch (error) {\n  console.log(error.name, error.message);\n}\n",
    'bad.mjs': 'export const = 1;\n',
  }),
  poisoned(
    'initGlobals { class: 1 } is a usage error, and the engine is clean after it',
    { 'main.js': "console.log('ran');\n" },
    { call: 'runAsMain(entry, { cwd: dir, initGlobals: { class: 1 } })', expect: { usageError: /initGlobals.*"class"/ } },
  ),
  poisoned(
    'initGlobals { yield: 1 } for an ES module is a usage error',
    { 'main.mjs': "console.log('ran');\n" },
    { call: 'runAsMain(entry, { cwd: dir, initGlobals: { yield: 1 } })', expect: { usageError: /initGlobals.*"yield"/ } },
  ),
  poisoned('globalThis.setTimeout replaced is put back after the run', { 'main.js': "globalThis.setTimeout = () => { console.log('fake timer'); };\n" }),
  poisoned('global.Promise replaced by another promise class is put back', {
    'main.js': 'class Bluebird extends Promise {}\nglobal.Promise = Bluebird;\nconsole.log(Promise.name);\n',
  }),
  poisoned('globalThis.console replaced is put back', { 'main.js': 'globalThis.console = { log() {}, error() {} };\n' }),
  poisoned('delete globalThis.console is put back', { 'main.js': 'delete globalThis.console;\n' }),
  poisoned('globalThis.Map, URL and Buffer replaced are put back', {
    'main.js': 'globalThis.Map = class FakeMap {};\nglobalThis.URL = null;\nglobalThis.Buffer = { from() { return 1; } };\n',
  }),
  poisoned('globalThis.globalThis replaced is put back', { 'main.js': "globalThis.globalThis = 'no longer the global';\nconsole.log(typeof globalThis);\n" }),
  poisoned('the prototype of globalThis replaced is put back', { 'main.js': "Object.setPrototypeOf(globalThis, null);\nconsole.log('ok');\n" }),
  poisoned("console.log replaced by a no-op (a 'quiet mode') stays in its run", { 'main.js': "console.log = () => {};\nconsole.log('silenced');\n" }),
  poisoned('delete console.log and console.error stay in their run', { 'main.js': 'delete console.log;\ndelete console.error;\nconsole.warn(typeof console.log);\n' }),
  poisoned('console.error replaced, then an uncaught error: the report still reaches stderr', {
    'main.js': "console.error = () => {};\nthrow new Error('reported anyway');\n",
  }),
  poisoned('Object.freeze(console) stays in its run', { 'main.js': "Object.freeze(console);\nconsole.log('frozen');\n" }),
  poisoned('process.on set to null stays in its run', { 'main.js': 'process.on = null;\nconsole.log(typeof process.on);\n' }),
  poisoned('process.emit replaced stays in its run', { 'main.js': "process.emit = () => false;\nprocess.on('exit', () => console.log('never'));\n" }),
  poisoned('delete process.stdout, then console.log', { 'main.js': "delete process.stdout;\nconsole.log('after', typeof process.stdout);\n" }),
  poisoned('delete process.env and process.argv', { 'main.js': 'delete process.env;\ndelete process.argv;\nconsole.log(typeof process.env, typeof process.argv);\n' }),
  poisoned('Object.freeze(process) stays in its run', { 'main.js': "Object.freeze(process);\nconsole.log('frozen');\n" }),
  poisoned("dart2js's `self = Object.create(globalThis); self.process = x` does not replace the host's process", {
    'main.js': "var self = Object.create(globalThis);\nself.process = { env: {}, argv: [] };\nconsole.log(typeof self.process.exit);\n",
  }),
  poisoned("globalThis.process assigned does not replace the host's process", { 'main.js': "globalThis.process = { fake: true };\nconsole.log('assigned');\n" }),
  poisoned('globalThis.process redefined as a data property is put back', {
    'main.js': "Object.defineProperty(globalThis, 'process', { value: { fake: true }, configurable: true, writable: true });\nconsole.log('defined');\n",
  }),
  poisoned('Error.prepareStackTrace and stackTraceLimit set by the script are put back', {
    'main.js': "Error.prepareStackTrace = () => 'custom stack';\nError.stackTraceLimit = 1;\nconsole.log(new Error('x').stack);\n",
  }),
  poisoned('Error.prepareStackTrace redefined as a throwing getter', {
    'main.js': "Object.defineProperty(Error, 'prepareStackTrace', { configurable: true, get() { throw new Error('getter'); }, set() {} });\nconsole.log('defined');\n",
  }),
  poisoned('Error.stackTraceLimit = 0, then an uncaught error', { 'main.js': "Error.stackTraceLimit = 0;\nthrow new Error('no frames');\n" }, { noThrowSite: true }),
  poisoned("require.extensions['.js'] replaced stays in its run", {
    'main.js': "require.extensions['.js'] = () => { throw new Error('hijacked'); };\nconsole.log(require('./dep.js'));\n",
    'dep.js': "module.exports = 'dep';\n",
  }),
  poisoned('process.setUncaughtExceptionCaptureCallback, then an uncaught error', {
    'main.js': "process.setUncaughtExceptionCaptureCallback((error) => console.log('captured', error.message));\nthrow new Error('x');\n",
  }),
  poisoned("process.umask(0o077) does not change the host's umask", { 'main.js': 'console.log(process.umask(0o077).toString(8).length > 0);\n' }),
  poisoned("globalThis.process.on('exit') is the run's listener", { 'main.js': "globalThis.process.on('exit', (code) => console.log('exit listener', code));\n" }),
  poisoned("globalThis.process.removeAllListeners() does not remove the host's", { 'main.js': "globalThis.process.removeAllListeners();\nconsole.log('removed');\n" }),
  poisoned("globalThis.process.exitCode = 3 is the run's exit code, not the host's", { 'main.js': 'globalThis.process.exitCode = 3;\n' }),
  poisoned("globalThis.process.chdir('/') moves the run only", { 'main.js': "globalThis.process.chdir('/');\nconsole.log(process.cwd());\n" }),
  poisoned("globalThis.process.title set is the run's", { 'main.js': "globalThis.process.title = 'renamed-by-a-run';\nconsole.log(process.title);\n" }),
  poisoned("globalThis.process.env and argv changed are the run's", {
    'main.js': "globalThis.process.env.CHAOS_SET = '1';\nglobalThis.process.argv.push('pushed');\nconsole.log(process.env.CHAOS_SET, process.argv.slice(2));\n",
  }),
  poisoned("globalThis.process.nextTick replaced does not reach the host's process", {
    'main.js': "globalThis.process.nextTick = (fn) => fn();\nconsole.log('replaced');\n",
  }),
  poisoned('a global defined non-configurable is listed, and cannot be removed (README limit)', {
    'main.js': "Object.defineProperty(globalThis, 'stuckForever', { value: 1, configurable: false });\n",
  }, { leaves: ['globalThis.stuckForever'] }),
  poisoned('Object.freeze(globalThis) cannot be undone in-process', { 'main.js': "Object.freeze(globalThis);\nconsole.log('frozen');\n" }),
];
