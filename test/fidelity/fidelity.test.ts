/**
 * Node-vs-in-process parity (SPEC §2 runInNode, §3.6): every case of cases.ts runs under a real
 * `node` and in-process, and must give the same exit code, stdout and stderr once the differences
 * SPEC §3.6 allows are normalised away; rows that seed `files` must also leave the same files.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { runAsMain } from '../../src/index.js';
import type { RunOptions } from '../../src/options.js';
import type { RunResult } from '../../src/result.js';
import { runInNode } from '../../src/oracle/run-in-node.js';
import { dropNodeFrames, hidePid } from '../support/node-output.js';
import { type FidelityCase, fidelityCases } from './cases.js';

const fixturesDir = fileURLToPath(new URL('../../fixtures/fidelity', import.meta.url));

/** Real node processes at once: enough to overlap their start-up, few enough to stay fast on CI. */
const NODE_CONCURRENCY = 2;

const targetOf = (fidelityCase: FidelityCase): string => path.join(fixturesDir, fidelityCase.file);

const optionsOf = (fidelityCase: FidelityCase): RunOptions => ({
  cwd: path.resolve(fixturesDir, fidelityCase.cwd ?? '.'),
  argv: fidelityCase.argv,
  stdin: fidelityCase.stdin,
  env: fidelityCase.env,
  files: fidelityCase.files,
});

/** Node's frames dropped, the pid in warnings hidden, the fixtures directory written `<fixtures>`; the Node.js trailer stays. */
function normalizeOutput(text: string): string {
  return dropNodeFrames(hidePid(text.split(fixturesDir).join('<fixtures>')));
}

/** Exit code and output; and for a row that seeds `files`, the files the run created, changed or deleted. */
const comparable = (result: RunResult, fidelityCase: FidelityCase) => ({
  exitCode: result.exitCode,
  stdout: normalizeOutput(result.stdout),
  stderr: normalizeOutput(result.stderr),
  ...(fidelityCase.files ? { files: result.files } : {}),
});

describe('normalizeOutput', () => {
  test('drops node:internal frames and keeps what followed them on the line before', () => {
    const report = [
      `Error: outer`,
      `    at ${fixturesDir}/x.js:1:7`,
      '    at ModuleJob.run (node:internal/modules/esm/module_job:325:25)',
      '    at node:internal/main/run_main_module:28:49 {',
      `  [cause]: 'root'`,
      '}',
      '',
      'Node.js v20.20.2',
    ].join('\n');
    expect(normalizeOutput(report)).toBe(
      ['Error: outer', '    at <fixtures>/x.js:1:7 {', `  [cause]: 'root'`, '}', '', 'Node.js v20.20.2'].join('\n'),
    );
  });
});

describe('runAsMain behaves like node', () => {
  const nodeResults = new Map<FidelityCase, RunResult>();

  beforeAll(async () => {
    const queue = [...fidelityCases];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        nodeResults.set(next, await runInNode(targetOf(next), optionsOf(next)));
      }
    };
    await Promise.all(Array.from({ length: NODE_CONCURRENCY }, worker));
  }, 180_000);

  // Named in full: `test.each`'s `$name` would cut long names at 40 characters.
  test.for(fidelityCases.map((fidelityCase) => [`${fidelityCase.name} (${fidelityCase.file})`, fidelityCase] as const))('%s', async ([, fidelityCase]) => {
    const node = comparable(nodeResults.get(fidelityCase)!, fidelityCase);
    const inProcess = comparable(await runAsMain(targetOf(fidelityCase), optionsOf(fidelityCase)), fidelityCase);
    if (fidelityCase.divergence === 'throw-site-of-a-non-error') {
      // Node prints `file:line`, the source line and a caret above the value; nothing else differs.
      const header = /^\n[^\n]+:\d+\n[^\n]*\n *\^\n/;
      expect(node.stderr).toMatch(header);
      node.stderr = node.stderr.replace(header, '\n');
    }
    expect(inProcess).toEqual(node);
  });
});
