/**
 * The run differs from node: output encodings and UTF-8 across writes, exits at the stack limit,
 * syntax-error reports, 'exit' listeners that queue work, writes after the stream is gone, odd
 * thrown values and odd files — each must give what real node gives with the same file.
 */
import type { ChaosCase } from '../chaos-case.js';

const differs = (name: string, files: Record<string, string>, extra: Partial<ChaosCase> = {}): ChaosCase => ({
  name,
  family: 'differs',
  files,
  ...extra,
});

const EURO = '[0xe2, 0x82, 0xac]';

export const differsCases: ChaosCase[] = [
  differs('a UTF-8 character split across two stdout.write calls', {
    'main.js': `const euro = Buffer.from(${EURO});\nprocess.stdout.write(euro.subarray(0, 2));\nprocess.stdout.write(euro.subarray(2));\nprocess.stdout.write('\\n');\n`,
  }),
  differs('a UTF-8 character split across two stderr.write calls', {
    'main.js': "const u = Buffer.from('ü');\nprocess.stderr.write(u.subarray(0, 1));\nprocess.stderr.write(u.subarray(1));\nprocess.stderr.write('\\n');\n",
  }),
  differs('a UTF-8 character split across two fs.writeSync(1) calls', {
    'main.js': `const fs = require('node:fs');\nconst euro = Buffer.from(${EURO});\nfs.writeSync(1, euro.subarray(0, 1));\nfs.writeSync(1, euro.subarray(1));\nfs.writeSync(1, '\\n');\n`,
  }),
  differs('a read stream of one-byte chunks piped to stdout', {
    'main.js':
      "const fs = require('node:fs');\nfs.writeFileSync('text.txt', '€uro ünïcödé ✓\\n');\nfs.createReadStream('text.txt', { highWaterMark: 1 }).pipe(process.stdout);\n",
  }),
  differs("stdout.write(s, 'hex')", { 'main.js': "process.stdout.write('68690a', 'hex');\n" }),
  differs("stdout.write(s, 'base64')", { 'main.js': "process.stdout.write('aMOpbGxvCg==', 'base64');\n" }),
  differs("stdout.write(s, 'latin1')", { 'main.js': "process.stdout.write('caf\\xe9\\n', 'latin1');\n" }),
  differs("stdout.write(s, 'utf16le')", { 'main.js': "process.stdout.write('hi\\n', 'utf16le');\n" }),
  differs('stdout.write with an unknown encoding', { 'main.js': "process.stdout.write('x', 'no-such-encoding');\n" }),
  differs('stdout.write of a number', { 'main.js': 'process.stdout.write(5);\n' }),
  differs("stdout.write's callback order", { 'main.js': "process.stdout.write('a\\n', () => console.log('written'));\nconsole.log('b');\n" }),
  differs('process.exit called at the stack limit', {
    'main.js': "console.log('start');\nfunction dive() {\n  try {\n    dive();\n  } catch {\n    process.exit(3);\n  }\n}\ndive();\n",
  }),
  differs('process.exit called at the stack limit in an ES module', {
    'main.mjs': "console.log('start');\nconst dive = () => {\n  try {\n    dive();\n  } catch {\n    process.exit(4);\n  }\n};\ndive();\n",
  }),
  differs('an unbounded recursion nobody catches', { 'main.js': 'function dive() {\n  dive();\n}\ndive();\n' }),
  differs("microtasks and ticks queued inside an 'exit' listener", {
    'main.js':
      "process.on('exit', () => {\n  Promise.resolve().then(() => console.log('microtask'));\n  process.nextTick(() => console.log('tick'));\n  console.log('listener');\n});\nconsole.log('main');\n",
  }),
  differs('console.log after process.stdout.destroy()', { 'main.js': "process.stdout.destroy();\nconsole.log('after destroy');\nprocess.stdout.write('written\\n');\n" }),
  differs('process.stdout.write after process.stdout.end()', {
    'main.js': "process.stdout.end('last\\n');\nprocess.stdout.write('after end\\n');\n",
  }),
  differs('top-level arguments of a CommonJS script', { 'main.js': 'console.log(arguments.length, typeof arguments[1], arguments[4] === __dirname);\n' }),
  differs('top-level this of a CommonJS script and of an ES module', {
    'main.js': "console.log(this === module.exports);\nimport('./esm.mjs');\n",
    'esm.mjs': 'console.log(this);\n',
  }),
  differs('a byte-order mark and a shebang before an error', { 'main.js': "\uFEFF#!/usr/bin/env node\nthrow new Error('after the shebang');\n" }),
  differs('CRLF line endings and an error on line 3', { 'main.js': "const a = 1;\r\nconst b = 2;\r\nthrow new Error('crlf');\r\n" }),
  differs('a file name with spaces and non-ASCII letters', { 'ünï cödé.js': "throw new Error('named oddly');\n" }),
  differs("an ES module whose name holds '%' and '#'", { '100% #1.mjs': "throw new Error('percent');\n" }),
  differs('an empty file', { 'main.js': '' }),
  differs('a top-level return in CommonJS', { 'main.js': "console.log('before');\nreturn;\nconsole.log('after');\n" }),
  differs('a top-level return in an ES module', { 'main.mjs': 'return;\n' }),
  differs('throw null', { 'main.js': 'throw null;\n' }),
  differs('throw undefined', { 'main.js': 'throw undefined;\n' }),
  differs("throw Symbol('s')", { 'main.js': "throw Symbol('s');\n" }),
  differs('throw 10n', { 'main.js': 'throw 10n;\n' }),
  differs('throw Object.create(null)', { 'main.js': 'throw Object.assign(Object.create(null), { a: 1 });\n' }),
  differs('throw a function', { 'main.js': 'throw function thrown() {};\n' }),
  differs('an error whose cause is itself', { 'main.js': "const error = new Error('loop');\nerror.cause = error;\nthrow error;\n" }),
  differs('a chain of 200 causes', {
    'main.js': "let error = new Error('root');\nfor (let i = 0; i < 200; i++) error = new Error('level ' + i, { cause: error });\nthrow error;\n",
  }),
  differs(
    'Error.prepareStackTrace returning a string, then an uncaught error',
    { 'main.js': "Error.prepareStackTrace = (error, frames) => 'custom: ' + error.message + ' (' + (frames.length > 0) + ')';\nthrow new Error('x');\n" },
    { noThrowSite: true },
  ),
  differs('Error.stackTraceLimit = Infinity, then an uncaught error', { 'main.js': "Error.stackTraceLimit = Infinity;\nthrow new Error('all frames');\n" }),
  differs('console.log of a revoked proxy', { 'main.js': "const { proxy, revoke } = Proxy.revocable({}, {});\nrevoke();\nconsole.log(proxy);\n" }),
  differs('console.log of a proxy whose ownKeys trap throws', {
    'main.js': "console.log(new Proxy({}, { ownKeys() { throw new Error('keys'); } }));\nconsole.log('after');\n",
  }),
  differs("a throwing 'uncaughtException' listener", {
    'main.js': "process.on('uncaughtException', (error) => { throw new Error('again after ' + error.message); });\nthrow new Error('first');\n",
  }),
  differs("an 'unhandledRejection' listener that rethrows", {
    'main.js': "process.on('unhandledRejection', (reason) => { throw reason; });\nPromise.reject(new Error('rethrown'));\n",
  }),
  differs('a rejection with a non-Error reason', { 'main.js': "Promise.reject({ reason: 'an object' });\n" }),
  differs("a 'beforeExit' listener that throws", { 'main.js': "process.on('beforeExit', () => { throw new Error('before exit'); });\n" }),
  differs('more listeners than setMaxListeners allows', {
    'main.js': "process.setMaxListeners(1);\nprocess.on('custom', () => {});\nprocess.on('custom', () => {});\nconsole.log('added');\n",
  }),
  differs('process.abort()', { 'main.js': "console.log('before');\nprocess.abort();\n" }, { compare: ['exitCode', 'stdout'], why: 'node prints no report; the core dump is not ours to compare' }),
  differs('a .json entry', { 'main.json': '{ "a": 1 }\n' }),
  differs('an entry with an unknown extension', { 'main.txt': "console.log('ran as CommonJS');\n" }),
  differs('process.exitCode set, then read by an exit listener', { 'main.js': "process.exitCode = 2;\nprocess.on('exit', (code) => console.log('exit', code, process.exitCode));\n" }),
  differs('process.exit inside an exit listener inside process.exit', {
    'main.js': "process.on('exit', (code) => {\n  console.log('exit', code);\n  process.exit(code + 1);\n});\nprocess.exit(1);\n",
  }),
  differs(
    'process.emitWarning of a revoked proxy',
    { 'main.js': "const { proxy, revoke } = Proxy.revocable({}, {});\nrevoke();\nprocess.emitWarning(proxy);\n" },
    { compare: ['exitCode', 'stdout'], why: "node's report is of its own internals failing on the value" },
  ),
  {
    name: "while runs overlap, each one's leakedGlobals lists only its own",
    family: 'differs',
    files: {
      'a.js': "globalThis.fromRunA = 1;\nsetTimeout(() => {}, 30);\n",
      'b.js': "setTimeout(() => { globalThis.fromRunB = 1; }, 5);\n",
    },
    call: "Promise.all([runAsMain(dir + '/a.js', { cwd: dir }), runAsMain(dir + '/b.js', { cwd: dir })]).then((results) => results.map((result) => result.leakedGlobals))",
    expect: {
      check: (report) => {
        const value = JSON.stringify(report.value?.value);
        const expected = JSON.stringify([['fromRunA'], ['fromRunB']]);
        return value === expected ? [] : [`leakedGlobals were ${value}, expected ${expected}`];
      },
    },
  },
];
