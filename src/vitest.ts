/**
 * `run-as-main/vitest`: importing it (from `setupFiles`, or at the top of a test file) registers
 * the matchers of SPEC §6 and the RunResult snapshot serializer on vitest's `expect`, and brings
 * their types into `expect(…)`, `.not`, `.resolves`/`.rejects` and the asymmetric `expect.*`.
 *
 * @example
 * // vitest.config.ts: test: { setupFiles: ['run-as-main/vitest'] }
 * expect(await runAsMain('bin/cli.js', { argv: ['--nope'] })).toExitWith(1);
 *
 * It does not load the engine: the matchers read RunResults, whichever build made them.
 */
import { expect } from 'vitest';
import { type ErrorClass, matchers } from './matchers/index.js';
import type { RunResult } from './result.js';
import { runResultSerializer } from './snapshot/serializer.js';

expect.extend(matchers);
expect.addSnapshotSerializer(runResultSerializer);

/** The matchers `run-as-main/vitest` adds, each on a RunResult (or a `Promise<RunResult>` through `.resolves`). */
export interface RunAsMainMatchers<R = void> {
  /** The run ended with exit code `code` (124 at a timeout, 128 + n for a signal). */
  toExitWith(code: number): R;
  /** Exit code 0 and no uncaught error. */
  toSucceed(): R;
  /** A non-zero exit code or an uncaught error. */
  toFail(): R;
  /** The namespace has these bindings with equal values, as `toMatchObject` compares. */
  toHaveNamespace(expected: Record<string, unknown>): R;
  /** The script defines the top-level binding `name` (equal to `value`, when given). */
  toDefine(name: string, value?: unknown): R;
  /** The script's exports have `name` (equal to `value`, when given). */
  toHaveExported(name: string, value?: unknown): R;
  /** stdout contains the text, or matches the RegExp. */
  toPrint(expected: string | RegExp): R;
  /** stderr contains the text, or matches the RegExp. */
  toPrintError(expected: string | RegExp): R;
  /** The script threw (uncaught) an instance of the class, or an error whose message contains the text or matches the RegExp. */
  toThrowInScript(expected?: ErrorClass | string | RegExp): R;
  /** The run created or changed the file (relative to its cwd, or absolute), holding `content` when given. */
  toHaveWrittenFile(path: string, content?: string | RegExp | Uint8Array): R;
  /** The same exit code, stdout, stderr and files as the other run (from `runInNode`, say). */
  toBehaveLike(other: RunResult<any>): R;
}

// Vitest 4 declares `Matchers<T>`, vitest 5 `Matchers<R, T>`: an augmentation of either fails to
// compile under the other (TS2428) unless skipLibCheck hides it. Both majors build `Assertion`
// from the properties of chai's `Assertion` (a mapped type that keeps each method and, under
// `.resolves`, makes it return a Promise), and both have a parameterless
// `AsymmetricMatchersContaining`: augmenting those two is clean under both.
declare global {
  namespace Chai {
    interface Assertion extends RunAsMainMatchers {}
  }
}

declare module 'vitest' {
  interface AsymmetricMatchersContaining extends RunAsMainMatchers<any> {}
}

export { matchers, runResultSerializer };
export { type PickedRunResult, pickResult } from './snapshot/pick-result.js';
export type { SnapshotField } from './snapshot/render-run-result.js';
export type { ErrorClass };
