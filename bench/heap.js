// Child process of bench/run.js, run with `node --expose-gc`: heap growth over 10 000 warm runs
// of the trivial script (SPEC §9: under 2 MB). Prints one JSON line.
// Usage: node --expose-gc bench/heap.js [runs] [warmup]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAsMain } from '../dist/index.js';

if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
const here = path.dirname(fileURLToPath(import.meta.url));
const script = path.join(here, 'fixtures', 'trivial.cjs');
const runs = Number(process.argv[2] ?? 10_000);
const warmup = Number(process.argv[3] ?? 1_000);

async function fullGc() {
  // Let finalizers, unref'd immediates and async_hooks destroy callbacks run, then collect.
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    globalThis.gc();
  }
}

let failures = 0;
const runOnce = async () => {
  const result = await runAsMain(script, { argv: ['1000'] });
  if (!result.ok) failures++;
};

for (let i = 0; i < warmup; i++) await runOnce();
await fullGc();
const before = process.memoryUsage();
const t0 = process.hrtime.bigint();
for (let i = 0; i < runs; i++) await runOnce();
const elapsedMs = Number(process.hrtime.bigint() - t0) / 1e6;
await fullGc();
const after = process.memoryUsage();

console.log(
  JSON.stringify({
    runs,
    warmup,
    failures,
    heapBefore: before.heapUsed,
    heapAfter: after.heapUsed,
    heapGrowth: after.heapUsed - before.heapUsed,
    rssGrowth: after.rss - before.rss,
    externalGrowth: after.external - before.external,
    meanUs: (elapsedMs * 1000) / runs,
  }),
);
