// Shared helpers of the benchmark: timing with process.hrtime.bigint, medians, formatting.
import { spawnSync } from 'node:child_process';

/** Median of numbers (the array is sorted in place). */
export function median(values) {
  if (values.length === 0) return Number.NaN;
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

/** Time elapsed since `start` (a bigint from process.hrtime.bigint), in µs. */
export function sinceUs(start) {
  return Number(process.hrtime.bigint() - start) / 1000;
}

/**
 * Median µs per call of an async (or sync) `fn`, after `warmup` calls. Stops early, after at
 * least `minRuns`, when `budgetMs` is spent, so a slow engine cannot blow the time budget.
 */
export async function measure(fn, { warmup = 0, runs, minRuns = Math.min(runs, 10), budgetMs = 5000 }) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples = [];
  const deadline = process.hrtime.bigint() + BigInt(Math.round(budgetMs * 1e6));
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    samples.push(sinceUs(t0));
    if (samples.length >= minRuns && process.hrtime.bigint() > deadline) break;
  }
  return summarize(samples);
}

/**
 * Like `measure`, for several functions at once, interleaved call by call (a, b, b, a, a, b, …)
 * so that load from other processes and drift weigh on each alike: ratios stay meaningful on a
 * busy machine. Returns one result per function.
 */
export async function measureInterleaved(fns, { warmup = 0, runs, minRuns = Math.min(runs, 10), budgetMs = 5000 }) {
  for (let i = 0; i < warmup; i++) for (const fn of fns) await fn(i);
  const samples = fns.map(() => []);
  const deadline = process.hrtime.bigint() + BigInt(Math.round(budgetMs * 1e6));
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < fns.length; k++) {
      const j = i % 2 ? fns.length - 1 - k : k;
      const t0 = process.hrtime.bigint();
      await fns[j](i);
      samples[j].push(sinceUs(t0));
    }
    if (i + 1 >= minRuns && process.hrtime.bigint() > deadline) break;
  }
  return samples.map(summarize);
}

function summarize(list) {
  const sorted = [...list].sort((a, b) => a - b);
  const n = list.length;
  let sum = 0;
  for (const value of list) sum += value;
  return { us: median(list), mean: sum / n, n, p10: sorted[Math.floor(n * 0.1)], p90: sorted[Math.floor(n * 0.9)] };
}

/**
 * For baselines that differ in cost by orders of magnitude (a spawned process vs an in-process
 * run): `rounds` rounds, each calling every step `reps` times in turn, every call timed. Slow and
 * fast figures are thus sampled across the same stretch of time. `steps` maps a name to
 * `[fn, reps]`; returns a name → result map. Stops after `minRounds` once `budgetMs` is spent.
 */
export async function measureRounds(steps, { rounds, minRounds = Math.min(rounds, 3), budgetMs = 10_000 }) {
  const samples = Object.fromEntries(Object.keys(steps).map((name) => [name, []]));
  const deadline = process.hrtime.bigint() + BigInt(Math.round(budgetMs * 1e6));
  for (let r = 0; r < rounds; r++) {
    for (const [name, [fn, reps]] of Object.entries(steps)) {
      for (let i = 0; i < reps; i++) {
        const t0 = process.hrtime.bigint();
        await fn();
        samples[name].push(sinceUs(t0));
      }
    }
    if (r + 1 >= minRounds && process.hrtime.bigint() > deadline) break;
  }
  return Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, summarize(list)]));
}

/** Median wall time of spawning `command args` (spawnSync), one unmeasured warm-up first. */
export function measureSpawn(command, args, { runs = 10, check, ...options } = {}) {
  const once = () => {
    const t0 = process.hrtime.bigint();
    const child = spawnSync(command, args, { encoding: 'utf8', ...options });
    const us = sinceUs(t0);
    if (child.error) throw child.error;
    check?.(child);
    return us;
  };
  once();
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(once());
  return { us: median(samples), n: runs };
}

/** Runs a node script in a fresh process and parses the JSON line it prints last. */
export function nodeJson(script, args = [], nodeFlags = []) {
  const child = spawnSync(process.execPath, [...nodeFlags, script, ...args], { encoding: 'utf8' });
  if (child.error) throw child.error;
  if (child.status !== 0) throw new Error(`${script} exited with ${child.status}: ${child.stderr.trim()}`);
  const lines = child.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

/** A duration given in µs, in the unit that reads best. */
export function fmtTime(us) {
  if (!Number.isFinite(us)) return 'n/a';
  if (us < 1) return `${us.toFixed(3)} µs`;
  if (us < 100) return `${us.toFixed(1)} µs`;
  if (us < 1000) return `${us.toFixed(0)} µs`;
  if (us < 100_000) return `${(us / 1000).toFixed(2)} ms`;
  return `${(us / 1000).toFixed(0)} ms`;
}

export function fmtRatio(x) {
  if (!Number.isFinite(x)) return 'n/a';
  if (x >= 100) return `${Math.round(x).toLocaleString('en-US')}×`;
  if (x >= 10) return `${x.toFixed(1)}×`;
  return `${x.toFixed(2)}×`;
}

export function fmtBytes(bytes) {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 0 ? '+' : ''}${mb.toFixed(2)} MB`;
}
