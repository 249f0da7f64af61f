/**
 * The soak (issue 10; soak.ts): 20 000 runs in one fresh process, ending every way, overlapping
 * in batches — no wrong result, and the heap, the active handles, the process listeners and the
 * global names flat. SPEC §9 allows 2 MB of heap growth over 10 000 runs.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeWorkspace, type Workspace } from './harness.js';

let workspace: Workspace | undefined;

beforeAll(() => {
  workspace = makeWorkspace('soak');
});

afterAll(() => {
  workspace?.remove();
});

interface SoakReport {
  runs: number;
  wrong: number;
  wrongSamples: unknown[];
  heapMB: number[];
  heapGrowthMB: number;
  handles: [number, number];
  listeners: [number, number];
  globals: [number, number];
}

test('20 000 runs ending every way give the right results and leave heap, handles, listeners and globals flat', () => {
  const output = execFileSync(process.execPath, ['--expose-gc', workspace!.driver, '20000'], {
    cwd: workspace!.root,
    encoding: 'utf8',
    timeout: 240_000,
  });
  const report = JSON.parse(output) as SoakReport;
  expect(report.runs).toBe(20_000);
  expect(report.wrongSamples).toEqual([]);
  expect(report.wrong).toBe(0);
  expect(report.heapGrowthMB).toBeLessThan(2);
  expect(report.handles[1]).toBeLessThanOrEqual(report.handles[0]);
  expect(report.listeners[1]).toBe(report.listeners[0]);
  expect(report.globals[1]).toBe(report.globals[0]);
}, 300_000);
