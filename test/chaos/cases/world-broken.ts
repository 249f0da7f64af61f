/**
 * The library's own code breaks when a script changes the world: globals deleted or replaced,
 * intrinsics and their prototypes edited. Node's internals are immune (they hold their own
 * references, primordials), so node's result is what the run must give. Edits to built-in
 * prototypes and modules are not undone (SPEC §3.5, README): those cases list them in `leaves`,
 * and the driver puts them back before the probes; a replaced or deleted global must be put back
 * by the library itself.
 */
import type { ChaosCase } from '../chaos-case.js';

/** A script that changes the world (`setup`), then fails in the way `end` says. */
function broken(name: string, setup: string, end: string, leaves?: string[], file = 'main.js'): ChaosCase {
  return { name, family: 'world-broken', files: { [file]: `${setup}\n${end}\n` }, ...(leaves ? { leaves } : {}) };
}

const THROW = "throw new Error('the end');";
const TIMER_THROW = "setTimeout(() => { throw new Error('from a timer'); }, 1);";
const REJECT = "Promise.reject(new Error('rejected'));";

const cases: ChaosCase[] = [
  broken('delete globalThis.process, then console.log and an uncaught error', 'delete globalThis.process;', `console.log('still here');\n${THROW}`),
  broken('delete globalThis.setTimeout, then an uncaught error from setImmediate', 'delete globalThis.setTimeout;', "setImmediate(() => { throw new Error('late'); });"),
  broken('delete globalThis.setImmediate, then a timer throws', 'delete globalThis.setImmediate;', TIMER_THROW),
  broken('delete globalThis.queueMicrotask in an ES module, then it rejects', 'delete globalThis.queueMicrotask;', REJECT, undefined, 'main.mjs'),
  broken('globalThis.Error replaced by a plain function, then a TypeError is thrown', 'globalThis.Error = function Error() {};', "throw new TypeError('typed');"),
  broken('globalThis.Promise set to undefined, then an uncaught error', 'globalThis.Promise = undefined;', THROW),
  broken('globalThis.Object set to undefined, then an uncaught error', 'globalThis.Object = undefined;', THROW),
  broken('globalThis.Buffer set to undefined, then bytes written to stdout', 'globalThis.Buffer = undefined;', 'process.stdout.write(new Uint8Array([104, 105, 10]));'),
  broken('globalThis.String set to undefined, then a string is thrown', 'globalThis.String = undefined;', "throw 'a string';"),
  broken('globalThis.TypeError set to undefined, then stdout.write(5)', 'globalThis.TypeError = undefined;', 'process.stdout.write(5);'),
  broken('globalThis.Reflect set to undefined, then a timer throws', 'globalThis.Reflect = undefined;', TIMER_THROW),
  broken('globalThis.Map and Set set to undefined, then a rejection', 'globalThis.Map = undefined;\nglobalThis.Set = undefined;', REJECT),
  broken('globalThis.Symbol set to undefined, then an uncaught error', 'globalThis.Symbol = undefined;', THROW),
  broken('globalThis.JSON set to undefined, then a required JSON file', "globalThis.JSON = undefined;\nrequire('node:fs');", "console.log(require('./data.json'));"),
  broken(
    'Array.prototype.push replaced by a throwing function leaves console.log working',
    "Array.prototype.push = () => { throw new Error('push'); };",
    "console.log('still', [1, 2]);",
    ['Array.prototype.push'],
  ),
  broken('Array.prototype.push throwing, then an uncaught error', "Array.prototype.push = () => { throw new Error('push'); };", THROW, ['Array.prototype.push']),
  broken('Array.prototype.map throwing, then an uncaught error', "Array.prototype.map = () => { throw new Error('map'); };", THROW, ['Array.prototype.map']),
  broken("Array.prototype.join returning '', then an uncaught error", "Array.prototype.join = () => '';", THROW, ['Array.prototype.join']),
  broken('Array.prototype.slice throwing, then a timer throws', "Array.prototype.slice = () => { throw new Error('slice'); };", TIMER_THROW, ['Array.prototype.slice']),
  broken('Array.prototype.filter throwing, then a rejection', "Array.prototype.filter = () => { throw new Error('filter'); };", REJECT, ['Array.prototype.filter']),
  broken('Array.isArray answering true, then console.log', 'Array.isArray = () => true;', "console.log('x', { a: 1 });", ['Array.isArray']),
  broken('String.prototype.split returning [], then an uncaught error', 'String.prototype.split = () => [];', THROW, ['String.prototype.split']),
  broken('String.prototype.replace throwing, then an uncaught error', "String.prototype.replace = () => { throw new Error('replace'); };", THROW, ['String.prototype.replace']),
  broken(
    'String.prototype.startsWith answering false, then require of a sibling',
    'String.prototype.startsWith = () => false;',
    "console.log(require('./dep.js'));",
    ['String.prototype.startsWith'],
  ),
  broken('RegExp.prototype.exec returning null, then an uncaught error', 'RegExp.prototype.exec = () => null;', THROW, ['RegExp.prototype.exec']),
  broken('Function.prototype.apply throwing, then a timer throws', "Function.prototype.apply = () => { throw new Error('apply'); };", TIMER_THROW, ['Function.prototype.apply']),
  broken('Function.prototype.call throwing, then a rejection', "Function.prototype.call = () => { throw new Error('call'); };", REJECT, ['Function.prototype.call']),
  broken('Function.prototype.bind throwing, then a timer throws', "Function.prototype.bind = () => { throw new Error('bind'); };", TIMER_THROW, ['Function.prototype.bind']),
  broken(
    'Map.prototype.get and set broken, then require and a rejection',
    "Map.prototype.get = () => undefined;\nMap.prototype.set = () => { throw new Error('set'); };",
    `require('./dep.js');\n${REJECT}`,
    ['Map.prototype.get', 'Map.prototype.set'],
  ),
  broken('Set.prototype.has answering true, then a global added', 'Set.prototype.has = () => true;', 'globalThis.addedBySetHas = 1;', ['Set.prototype.has']),
  broken('WeakMap.prototype.set throwing, then a rejection', "WeakMap.prototype.set = () => { throw new Error('weak set'); };", REJECT, ['WeakMap.prototype.set']),
  broken('Object.keys answering [], then a global added', 'Object.keys = () => [];', 'globalThis.addedByKeys = 1;', ['Object.keys']),
  broken('Reflect.ownKeys answering [], then a global added', 'Reflect.ownKeys = () => [];', 'globalThis.addedByOwnKeys = 1;', ['Reflect.ownKeys']),
  broken('Reflect.deleteProperty doing nothing, then a global added', 'Reflect.deleteProperty = () => true;', 'globalThis.addedByDelete = 1;', ['Reflect.deleteProperty']),
  broken('Object.defineProperty throwing, then an uncaught error', "Object.defineProperty = () => { throw new Error('define'); };", THROW, ['Object.defineProperty']),
  broken('Object.getOwnPropertyDescriptor throwing, then an uncaught error', "Object.getOwnPropertyDescriptor = () => { throw new Error('gopd'); };", THROW, [
    'Object.getOwnPropertyDescriptor',
  ]),
  broken('Object.assign throwing, then process.exitCode = 2', "Object.assign = () => { throw new Error('assign'); };", 'process.exitCode = 2;', ['Object.assign']),
  broken(
    'a function on Object.prototype.get (every descriptor literal inherits it), then an uncaught error',
    'Object.prototype.get = function () { return 1; };',
    THROW,
    ['Object.prototype.get'],
  ),
  broken('Promise.prototype.then throwing, then the run ends by itself', "Promise.prototype.then = function () { throw new Error('then'); };", "console.log('end');", [
    'Promise.prototype.then',
  ]),
  broken('Promise.prototype.then swallowing callbacks, then a timer throws', 'Promise.prototype.then = function () { return this; };', TIMER_THROW, ['Promise.prototype.then']),
  broken('Object.prototype.then resolving 42 (runAsMain must still resolve to a RunResult)', 'Object.prototype.then = function (resolve) { resolve(42); };', "console.log('end');", [
    'Object.prototype.then',
  ]),
  broken(
    'a throwing then getter on Object.prototype',
    "Object.defineProperty(Object.prototype, 'then', { configurable: true, get() { throw new Error('then getter'); } });",
    "console.log('end');",
    ['Object.prototype.then'],
  ),
  broken('an emptied Array.prototype[Symbol.iterator], then console.log', 'Array.prototype[Symbol.iterator] = function* () {};', "console.log('it');", [
    'Array.prototype[Symbol.iterator]',
  ]),
  broken('an emptied Array.prototype[Symbol.iterator], then an uncaught error', 'Array.prototype[Symbol.iterator] = function* () {};', THROW, [
    'Array.prototype[Symbol.iterator]',
  ]),
  {
    name: "Object.prototype.code set to the watchdog's code, with an explicit timeout, then an uncaught error",
    family: 'world-broken',
    files: { 'main.js': `Object.prototype.code = 'ERR_SCRIPT_EXECUTION_TIMEOUT';\n${THROW}\n` },
    options: { timeout: 3000 },
    leaves: ['Object.prototype.code'],
  },
  broken('JSON.stringify throwing, then console.log of an object', "JSON.stringify = () => { throw new Error('stringify'); };", "console.log({ a: 1 });"),
  broken('JSON.parse throwing, then a required JSON file', "JSON.parse = () => { throw new Error('parse'); };", "console.log(require('./data.json'));"),
  broken('Error.captureStackTrace throwing, then an uncaught error', "Error.captureStackTrace = () => { throw new Error('capture'); };", THROW, ['Error.captureStackTrace']),
  broken('Symbol.prototype.toString throwing, then a thrown symbol', "Symbol.prototype.toString = () => { throw new Error('symbol'); };", "throw Symbol('s');", [
    'Symbol.prototype.toString',
  ]),
  broken(
    "EventEmitter.prototype.emit replaced (a built-in module's edit), then process.exit(3)",
    "require('node:events').prototype.emit = function () { return false; };",
    "process.on('exit', () => console.log('exit listener'));\nprocess.exit(3);",
    ['EventEmitter.prototype.emit'],
  ),
];

/** The cases that require `./dep.js` or `./data.json` get them. */
export const worldBrokenCases: ChaosCase[] = cases.map((chaosCase) =>
  /require\('\.\/(?:dep\.js|data\.json)'\)/.test(Object.values(chaosCase.files)[0]!)
    ? { ...chaosCase, files: { ...chaosCase.files, 'dep.js': "module.exports = 'dep';\n", 'data.json': '{ "json": true }\n' } }
    : chaosCase,
);
