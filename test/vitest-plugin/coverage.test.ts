/**
 * `vitest run --coverage` with runAsMainPlugin (SPEC §3.10): the coverage of scripts run in-process
 * is the coverage of the same code imported through vite by a test, the truth — every counter of
 * every statement, function and branch, at the same places of the source. Each figure comes from
 * a vitest of its own (a child process) in a copy of fixtures/vitest-plugin/project/: slow, so the
 * file stands alone.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  expectSameCoverage,
  expectSameFiles,
  type FileCoverage,
  makePluginProject,
  type PluginProject,
  truthAndRuns,
} from '../support/plugin-project.js';

let project: PluginProject;

beforeAll(() => {
  project = makePluginProject();
});

afterAll(() => project?.remove());

describe.each(['v8', 'istanbul'])('coverage-%s', (provider) => {
  let truth: Record<string, FileCoverage>;
  let inProcess: Record<string, FileCoverage>;

  beforeAll(async () => {
    ({ truth, inProcess } = await truthAndRuns(project, provider));
  }, 300_000);

  test('reports every file the runs executed, and none from node_modules', () => {
    expectSameFiles(truth, inProcess);
    expect(Object.keys(inProcess)).toEqual(
      expect.arrayContaining(['src/cli.ts', 'src/greet.mts', 'src/shout.js', 'src/tally.mjs', 'src/count.cjs', 'src/level.ts', 'bin/legacy.cts']),
    );
  });

  test('each file has the true statements, functions and branches, counted as often', () => {
    expectSameCoverage(truth, inProcess);
  });
});
