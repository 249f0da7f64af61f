// Child process of bench/run.js, run with `node --expose-gc`: heap growth over 10 000 warm runs
// of the trivial script (SPEC §9: under 2 MB), and the garbage collection those runs cost (a run's
// objects that outlive a young-generation collection make every later one slow). Prints one JSON line.
// Usage: node --expose-gc bench/heap.js [runs] [warmup] [fixture]
import path from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { runAsMain } from '../dist/index.js';

if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
const here = path.dirname(fileURLToPath(import.meta.url));
const runs = Number(process.argv[2] ?? 10_000);
const warmup = Number(process.argv[3] ?? 1_000);
const script = path.join(here, 'fixtures', process.argv[4] ?? 'trivial.cjs');

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
const gc = { minor: 0, major: 0, ms: 0 };
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc.ms += entry.duration;
    if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) gc.minor++;
    else if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.major++;
  }
});
const before = process.memoryUsage();
observer.observe({ entryTypes: ['gc'] });
const t0 = process.hrtime.bigint();
for (let i = 0; i < runs; i++) await runOnce();
const elapsedMs = Number(process.hrtime.bigint() - t0) / 1e6;
// GC entries reach the observer from the event loop, which a loop of synchronous runs never
// yields to: let it turn before reading them.
await new Promise((resolve) => setTimeout(resolve, 50));
observer.disconnect();
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
    gcUsPerRun: (gc.ms * 1000) / runs,
    minorGcs: gc.minor,
    majorGcs: gc.major,
  }),
);
