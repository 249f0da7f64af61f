/** `--compare` (src/cli/compare.ts): the run in-process and under node, field by field; exit 0 when alike, 1 when not. */
import { describe, expect, test } from 'vitest';
import { compareRuns } from '../../src/cli/compare.js';
import { runAsMain } from '../../src/index.js';
import { cliFixtures, runCommand, stableReport } from '../support/cli.js';

describe.concurrent('run-as-main --compare', () => {
  test('a script that behaves alike: each field the same, exit status 0 (the script’s own is 4)', async ({ expect }) => {
    const { code, stdout } = await runCommand(['--compare', 'same.js']);
    expect(code).toBe(0);
    expect(stableReport(stdout.slice(stdout.indexOf('compared with node')))).toMatchInlineSnapshot(`
      "compared with node
        exit code  same: 4
        stdout     same: 1 line
        stderr     same: 1 line
        files      same: 1 file

      in-process and node behave alike
      "
    `);
  });

  test('a script that differs: where, line by line, and exit status 1', async ({ expect }) => {
    const { code, stdout } = await runCommand(['--compare', 'differs.cjs']);
    expect(code).toBe(1);
    expect(stableReport(stdout.slice(stdout.indexOf('compared with node')))).toMatchInlineSnapshot(`
      "compared with node
        exit code  same: 0
        stdout     line 1 differs: "fs is a Proxy: true" in-process, "fs is a Proxy: false" under node
        stderr     same: (empty)
        files      same: (none)

      stdout (- under node, + in-process)
        - fs is a Proxy: false
        + fs is a Proxy: true
          done

      in-process and node differ in stdout
      "
    `);
  });

  test('with --json: whether they are alike, what differs with both values, both results', async () => {
    const { code, stdout } = await runCommand(['--compare', '--json', 'differs.cjs']);
    expect(code).toBe(1);
    const comparison = JSON.parse(stdout);
    expect(comparison).toMatchObject({
      same: false,
      differences: [{ field: 'stdout', inProcess: 'fs is a Proxy: true\ndone\n', node: 'fs is a Proxy: false\ndone\n' }],
      inProcess: { exitCode: 0, namespace: { types: '[module util/types]' } },
      node: { exitCode: 0, namespace: {} },
    });
  });

  test('-m compares the file the module resolved to', async () => {
    const { code, stdout } = await runCommand(['--compare', '-m', 'hello-bin', 'Ada']);
    expect(code).toBe(0);
    expect(stdout).toContain('in-process and node behave alike');
  });
});

describe('compareRuns', () => {
  test('names each field that differs: exit code, stderr, files', async () => {
    const options = { cwd: cliFixtures };
    const [same, exits] = [await runAsMain('same.js', options), await runAsMain('exits.js', options)];
    expect(compareRuns(same, exits)).toEqual([
      { field: 'exit code', same: false, summary: '4 in-process, 3 under node' },
      { field: 'stdout', same: false, summary: 'line 1 differs: "out" in-process, "" under node' },
      { field: 'stderr', same: false, summary: 'line 1 differs: "err" in-process, "exiting with 3" under node' },
      { field: 'files', same: false, summary: 'only in-process: result.txt' },
    ]);
    expect(compareRuns(same, same).every((field) => field.same)).toBe(true);
  });
});
