/**
 * The seed's demo, ported (src/demo-walkthrough.ts, `npm start`): its report as the README
 * walkthrough shows it, and each fixture of fixtures/demo/ run under real node as in-process.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { demoWalkthrough } from '../src/demo-walkthrough.js';
import { runAsMain, runInNode } from '../src/index.js';
import { dropNodeFrames } from './support/node-output.js';

const demo = fileURLToPath(new URL('../fixtures/demo', import.meta.url));

test("prints each step's result, as the seed's Python demo does", async () => {
  expect(await demoWalkthrough(demo)).toBe(
    [
      '=== run-as-main demo (fixtures/demo) ===',
      '',
      '--- runPath with initGlobals ---',
      '  result (N=5): 8.3823',
      '  result (default N=10): 22.4683',
      '',
      '--- extractGlobals ---',
      "  DB_URL = 'sqlite:///app.db'",
      '  DEBUG = true',
      "  SECRET_KEY = 'dev-secret'",
      '',
      '--- safeRunPath (an uncaught error) ---',
      '  ok=false exitCode=1',
      '  error: Error: intentional failure',
      "  namespace kept: { step: 'loading' }",
      '',
      '--- safeRunPath (process.exit) ---',
      "  ok=false exitCode=2 stdout='exiting with 2\\n'",
      '',
      '--- loadPluginsFromDir ---',
      '  plugin_alpha.js: version=1.0 transform([3,1,4,1,5])=[ 6, 2, 8, 2, 10 ]',
      '  plugin_beta.js: version=2.0 transform([3,1,4,1,5])=[ 5, 4, 3, 1, 1 ]',
      '',
      '--- runAsMain with argv ---',
      "  args captured: [ '--foo', 'bar' ]",
      '',
      '=== done ===',
      '',
    ].join('\n'),
  );
});

describe('each fixture runs in-process as under node', () => {
  test.each([
    ['compute.js', []],
    ['config.js', []],
    ['failing.js', []],
    ['exiting.js', []],
    ['printargs.js', ['--foo', 'bar']],
    ['bin/build.js', []],
  ])('%s', async (file, argv) => {
    // bin/build.js reads src/index.md and writes dist/: given in files, relative to cwd.
    const options = { cwd: '/project', argv, files: { 'src/index.md': '# Hello', 'dist/': null } };
    const target = `${demo}/${file}`;
    const [inProcess, node] = [await runAsMain(target, options), await runInNode(target, options)];
    const comparable = ({ exitCode, stdout, stderr, files }: typeof node) => ({ exitCode, stdout, stderr: dropNodeFrames(stderr), files });
    expect(comparable(inProcess)).toEqual(comparable(node));
  });
});
