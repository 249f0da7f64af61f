/**
 * vitest's watch mode with runAsMainPlugin (SPEC §3.10): editing a script a test ran in-process, or
 * a module that script loaded, reruns that test file, as editing a module the test imported does.
 * A `vitest --watch` of its own in a copy of fixtures/vitest-plugin/project/.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { makePluginProject, type PluginProject } from '../support/plugin-project.js';

let project: PluginProject;
let watcher: ReturnType<PluginProject['watch']>;

/** Resolves once the watcher's output matches `pattern` (the test's timeout bounds the wait). */
async function waitFor(pattern: RegExp): Promise<string> {
  for (;;) {
    const output = watcher.output();
    const match = pattern.exec(output);
    if (match) return match[0];
    if (watcher.child.exitCode !== null) throw new Error(`vitest --watch ended (${watcher.child.exitCode}):\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** How many times the watcher has finished a run of the test file. */
function finishedRuns(): number {
  return watcher.output().match(/Waiting for file changes/g)?.length ?? 0;
}

beforeAll(async () => {
  project = makePluginProject();
  watcher = project.watch(['runs.test.ts']);
  await waitFor(/Waiting for file changes/);
}, 120_000);

afterAll(() => {
  watcher?.stop();
  project?.remove();
});

test.each([
  ['a module the script imported', 'src/greet.mts'],
  ['the script itself', 'src/cli.ts'],
  ['another script the test ran (.cts)', 'bin/legacy.cts'],
  ['a CommonJS module of the script', 'src/count.cjs'],
])('editing %s (%s) reruns the test file that ran it', async (_what, file) => {
  const before = finishedRuns();
  appendFileSync(join(project.dir, file), '\n// edited\n');
  await waitFor(new RegExp(`RERUN\\s+${file.replace(/[.]/g, '\\.')}`));
  for (;;) {
    if (finishedRuns() > before) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(watcher.output().slice(-2000)).toMatch(/runs\.test\.ts/);
  expect(watcher.output().slice(-2000)).not.toMatch(/FAIL/);
}, 60_000);
