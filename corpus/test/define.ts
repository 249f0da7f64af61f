/**
 * One vitest test per invocation: the in-process run must give what node gave (exit code,
 * stdout, stderr, files). An invocation marked `known` asserts instead that the two still differ,
 * so that the fix of its cause is noticed (then the mark goes).
 */
import { describe, expect, test } from 'vitest';
import { type Invocation, runBoth, runInvocation } from '../harness.js';
import { KNOWN_CAUSES, SWEEP_KNOWN } from '../known.js';
import { sweepShard } from '../sweep.js';

/**
 * The sweep's timeout: nothing it runs waits under node, but a large entry's first in-process
 * run (a 9 MB typescript.js parsed once) takes seconds, and over 20 on a 2-core machine at a load
 * of 12.
 */
const SWEEP_TIMEOUT_MS = 60_000;

/** Test titles the README table is made from (corpus/table.ts): `<label>` or `<label> [differs: <cause>]`. */
export function titleOf(invocation: Invocation): string {
  return invocation.known ? `${invocation.label} [differs: ${invocation.known}]` : invocation.label;
}

/** Part `index` of `count` of a list, cut at package boundaries: one file per part shares out the work. */
export function partOf(cases: Invocation[], index: number, count: number): Invocation[] {
  const packages = [...new Set(cases.map((invocation) => invocation.pkg))];
  const size = Math.ceil(packages.length / count);
  const mine = new Set(packages.slice((index - 1) * size, index * size));
  return cases.filter((invocation) => mine.has(invocation.pkg));
}

export function defineInvocationTests(cases: Invocation[]): void {
  const byPackage = new Map<string, Invocation[]>();
  for (const invocation of cases) byPackage.set(invocation.pkg, [...(byPackage.get(invocation.pkg) ?? []), invocation]);
  for (const [pkg, invocations] of byPackage) {
    describe(pkg, () => {
      for (const invocation of invocations) {
        test(titleOf(invocation), async () => {
          const outcome = await runInvocation(invocation);
          if (invocation.known) {
            expect(KNOWN_CAUSES[invocation.known], `unknown cause ${invocation.known}`).toBeDefined();
            expect(outcome.inProcess, `fixed? drop known: '${invocation.known}'`).not.toEqual(outcome.node);
          } else {
            expect(outcome.inProcess).toEqual(outcome.node);
          }
        });
      }
    });
  }
}

/** The sweep's share `index` of `count`: each entry run with no arguments and empty stdin. */
export function defineSweepTests(index: number, count: number): void {
  describe(`sweep ${index}/${count}`, () => {
    for (const entry of sweepShard(index, count)) {
      const known = SWEEP_KNOWN[entry.relative];
      test(known ? `${entry.name} [differs: ${known}]` : entry.name, async () => {
        const outcome = await runBoth(entry.file, { argv: [], stdin: '', timeout: SWEEP_TIMEOUT_MS });
        if (known) {
          expect(KNOWN_CAUSES[known], `unknown cause ${known}`).toBeDefined();
          expect(outcome.inProcess, `fixed? drop ${entry.relative} from SWEEP_KNOWN`).not.toEqual(outcome.node);
        } else {
          expect(outcome.inProcess).toEqual(outcome.node);
        }
      });
    }
  });
}
