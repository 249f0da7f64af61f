/**
 * The probes: ordinary scripts the driver runs after every hostile case, whose results must be
 * those of a fresh node (SPEC §3.5: the next run behaves as in a fresh `node`). Between them they
 * touch what a poisoned engine gets wrong: console formatting, timers, promises, globals, the
 * process facade, an uncaught error's report, an exit from a callback, an ES module with
 * top-level await, TypeScript, a required module and the filesystem.
 */
export const PROBE_FILES: Record<string, string> = {
  'probe-a.js': `'use strict';
const util = require('node:util');
const helper = require('./probe-helper.js');
console.log('it');
console.log([1, 'two', { three: [3] }], new Map([[1, { a: 1 }]]), new Set(['s']), Symbol('sym'), 10n, null, undefined);
console.log('%s=%d %o', 'x', 42, { deep: { er: [1, 2] } });
console.error('to stderr', new Error('shown').message);
console.log(JSON.stringify({ a: [1, { b: 2 }] }), typeof setTimeout, typeof Promise, typeof URL, typeof Buffer, typeof console.log);
console.log(process.argv.length, process.argv.slice(2), typeof process.exit, process.exitCode, process.cwd() === __dirname);
console.log(process.listenerCount('exit'), process.listenerCount('uncaughtException'), require.main === module);
console.log(Object.getOwnPropertyNames(globalThis).filter((name) => !/^[A-Z]/.test(name)).sort().join(','));
console.log(util.inspect(new Proxy({ p: 1 }, {})), Buffer.from('héllo').toString('base64'), new URL('a?b=1', 'http://x/').href);
console.log(helper.twice(21), [3, 1, 2].sort(), Array.from('ab'), [...new Set([1, 1, 2])], Object.entries({ k: 'v' }));
require('node:fs').writeFileSync('probe-out.txt', 'written');
console.log(require('node:fs').readFileSync('probe-out.txt', 'utf8'));
process.stdout.write('€ and ü\\n');
// A global a run adds: the driver sees it stay if the engine no longer removes them.
globalThis.addedByProbeA = true;
setTimeout(() => {
  console.log('timer');
  Promise.resolve().then(() => console.log('microtask'));
  setImmediate(() => {
    throw new TypeError('probe a ends here');
  });
}, 1);
`,
  'probe-helper.js': `exports.twice = (n) => n * 2;
`,
  'probe-b.mjs': `import { EventEmitter } from 'node:events';
import path from 'node:path';
await new Promise((resolve) => setTimeout(resolve, 1));
globalThis[Symbol.for('added by probe b')] = true;
const emitter = new EventEmitter();
emitter.on('x', (value) => console.log('event', value));
emitter.emit('x', { n: 1 });
console.log(path.basename(import.meta.url), typeof process, typeof require);
process.on('exit', (code) => console.log('exit listener', code));
Promise.resolve().then(() => {
  try {
    process.exit(5);
  } finally {
    console.log('not printed');
  }
});
`,
  'probe-c.ts': `interface Point { x: number; y: number }
enum Colour { Red = 'red' }
const point: Point = { x: 1, y: 2 };
console.log(point, Colour.Red);
async function later(): Promise<number> {
  await null;
  return 3;
}
later().then((code) => {
  process.exitCode = code;
  Promise.reject(new RangeError('probe c rejects'));
});
`,
};

export const PROBE_ENTRIES = ['probe-a.js', 'probe-b.mjs', 'probe-c.ts'];
