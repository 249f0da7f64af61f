/**
 * The chaos battery (SPEC §3.5, §3.6, §8; issue 10): hostile scripts and misuses of the API, each
 * run in-process inside a driver child (driver.ts), so that a host crash fails a test instead of
 * killing a vitest worker. For every case: the call resolves as expected (a RunResult equal to
 * what real node does with the same file, or the usage error a misuse deserves), the host's world
 * is unchanged afterwards, nothing leaked to the host's own output, and the probes run after it
 * behave as in a fresh node. Cases the library still fails are listed, with their cause, in
 * known-failures.ts: they must still fail (a known failure that passes fails the test, so that
 * the list only shrinks).
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chaosCases } from './cases/index.js';
import type { ChaosCase } from './chaos-case.js';
import type { DriverCase, ProbeSpec } from './driver.js';
import { inParallel, makeWorkspace, nodeExpectation, type Outcome, runCases, type Workspace, writeFiles } from './harness.js';
import { knownFailures } from './known-failures.js';
import { type Comparable, comparable, differences } from './normalize.js';
import { PROBE_ENTRIES, PROBE_FILES } from './probes.js';

/** Real node processes, and driver children, at once: the machine has two cores. */
const PARALLEL = 2;

let workspace: Workspace | undefined;
const dirs = new Map<ChaosCase, string>();
const expectations = new Map<ChaosCase, Comparable>();
let outcomes = new Map<string, Outcome>();

const entryOf = (chaosCase: ChaosCase): string => chaosCase.entry ?? Object.keys(chaosCase.files)[0]!;

function callOf(chaosCase: ChaosCase): string {
  if (chaosCase.call) return chaosCase.call;
  return `runAsMain(entry, { cwd: dir, ...${JSON.stringify(chaosCase.options ?? {})} })`;
}

beforeAll(async () => {
  const ws = makeWorkspace();
  workspace = ws;
  const probeDir = path.join(ws.root, 'probes');
  writeFiles(probeDir, PROBE_FILES);
  chaosCases.forEach((chaosCase, index) => {
    const dir = path.join(ws.root, 'cases', String(index + 1).padStart(3, '0'));
    writeFiles(dir, chaosCase.files);
    dirs.set(chaosCase, dir);
  });

  const probeExpectations = await inParallel(
    PROBE_ENTRIES.map((entry) => () => nodeExpectation(path.join(probeDir, entry), probeDir, {})),
    PARALLEL,
  );
  rmSync(path.join(probeDir, 'probe-out.txt'), { force: true });
  const probes: ProbeSpec[] = PROBE_ENTRIES.map((entry, index) => ({
    name: entry,
    entry: path.join(probeDir, entry),
    dir: probeDir,
    expected: probeExpectations[index]!,
  }));

  const againstNode = chaosCases.filter((chaosCase) => (chaosCase.expect ?? 'node') === 'node');
  await inParallel(
    againstNode.map((chaosCase) => async () => {
      const dir = dirs.get(chaosCase)!;
      expectations.set(chaosCase, await nodeExpectation(path.join(dir, entryOf(chaosCase)), dir, chaosCase.options ?? {}));
      for (const file of chaosCase.absent ?? []) rmSync(path.join(dir, file), { force: true });
    }),
    PARALLEL,
  );

  const driverCases: DriverCase[] = chaosCases.map((chaosCase) => ({
    id: chaosCase.name,
    call: callOf(chaosCase),
    entry: path.join(dirs.get(chaosCase)!, entryOf(chaosCase)),
    dir: dirs.get(chaosCase)!,
    leaves: chaosCase.leaves ?? [],
    limitMs: 15_000,
  }));
  outcomes = await runCases(ws, driverCases, probes, PARALLEL);
}, 600_000);

afterAll(() => {
  // For whoever works down knownFailures: every case's problems in one file.
  if (process.env.CHAOS_SUMMARY) {
    writeFileSync(process.env.CHAOS_SUMMARY, JSON.stringify(Object.fromEntries(chaosCases.map((c) => [c.name, problemsOf(c)])), null, 1));
  }
  workspace?.remove();
});

/** The `file:line`, source line and caret above Node's report of an Error, and the blank line after. */
const THROW_SITE = /^[^\n]+:\d+\n[^\n]*\n *\^\n\n/;
/** The same above the report of a value that is not an Error: a blank line before, none after. */
const NON_ERROR_THROW_SITE = /^\n[^\n]+:\d+\n[^\n]*\n *\^\n/;

/** Everything that went wrong with one case, one line each. */
function problemsOf(chaosCase: ChaosCase): string[] {
  const outcome = outcomes.get(chaosCase.name);
  const dir = dirs.get(chaosCase)!;
  if (!outcome) return ['the driver reported nothing for this case'];
  if ('crashed' in outcome) return [`the host died: ${outcome.how}`, ...(outcome.stderr ? [outcome.stderr] : [])];
  const problems: string[] = [];
  const expectation = chaosCase.expect ?? 'node';
  if (outcome.outcome === 'hung') problems.push('the call never settled');
  else if (expectation === 'node') {
    if (outcome.outcome === 'rejected') problems.push(`the call rejected: ${outcome.rejection?.name}: ${outcome.rejection?.message}`);
    else if (outcome.value?.kind !== 'run-result') problems.push(`the call resolved to ${JSON.stringify(outcome.value?.value)}, not a RunResult`);
    else {
      const fields = chaosCase.compare ?? ['exitCode', 'stdout', 'stderr'];
      const expected = { ...expectations.get(chaosCase)! };
      // README's limit: a thrown value that is not an Error, or an Error whose stack cannot be
      // read, gives no `file:line`, source line and caret for the report.
      if (outcome.value.errorIsNotAnError) expected.stderr = expected.stderr.replace(NON_ERROR_THROW_SITE, '\n');
      else if (chaosCase.noThrowSite) expected.stderr = expected.stderr.replace(THROW_SITE, '');
      problems.push(...differences(comparable(outcome.value as Comparable, dir), expected, fields));
    }
  } else if ('usageError' in expectation) {
    if (outcome.outcome !== 'rejected') problems.push(`the call resolved (${JSON.stringify(outcome.value)}) where a usage error was expected`);
    else if (outcome.rejection?.name !== 'RunAsMainUsageError' || !expectation.usageError.test(outcome.rejection.message)) {
      problems.push(`the call rejected with ${outcome.rejection?.name}: ${outcome.rejection?.message}; expected a RunAsMainUsageError matching ${expectation.usageError}`);
    }
  } else problems.push(...expectation.check(outcome, dir));
  for (const change of outcome.changes) problems.push(`the host was left changed: ${change}`);
  if (outcome.hostOutput.stdout) problems.push(`wrote to the host's stdout: ${JSON.stringify(outcome.hostOutput.stdout.slice(0, 500))}`);
  if (outcome.hostOutput.stderr) problems.push(`wrote to the host's stderr: ${JSON.stringify(outcome.hostOutput.stderr.slice(0, 500))}`);
  for (const problem of outcome.probeProblems) problems.push(`a later run differs from a fresh node: ${problem}`);
  for (const change of outcome.changesByProbes) problems.push(`a later run changed the host: ${change}`);
  for (const file of chaosCase.absent ?? []) {
    if (existsSync(path.join(dir, file))) problems.push(`the real disk was written: ${file}`);
  }
  return problems;
}

describe('the chaos battery: nothing a script does takes down the host or changes a later run', () => {
  test.for(chaosCases.map((chaosCase) => [`${chaosCase.family}: ${chaosCase.name}`, chaosCase] as const))('%s', ([, chaosCase]) => {
    const problems = problemsOf(chaosCase);
    const known = knownFailures[chaosCase.name];
    if (known === undefined) expect(problems).toEqual([]);
    else expect(problems, `a known failure now passes (${known}): remove it from knownFailures`).not.toEqual([]);
  });

  test('every known failure names a case of the battery', () => {
    const names = new Set(chaosCases.map((chaosCase) => chaosCase.name));
    expect(Object.keys(knownFailures).filter((name) => !names.has(name))).toEqual([]);
  });

  test('case names are unique', () => {
    const names = chaosCases.map((chaosCase) => chaosCase.name);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });
});
