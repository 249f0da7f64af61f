/**
 * One row of the chaos battery (SPEC §3.5, §3.6, §8): a hostile or unusual script (or a misuse of
 * the API) and what must come of it. By default the script runs with `runAsMain(entry, { cwd: dir
 * })` in a driver child and must behave as real node does with the same file (runInNode); in every
 * case the host must survive unchanged and the probes after it must behave as in a fresh node.
 */
import type { CaseReport } from './driver.js';
import type { Comparable } from './normalize.js';

export interface ChaosCase {
  /** A behaviour sentence: the test title, and the key of `knownFailures`. */
  name: string;
  /** The family of the issue it belongs to (the battery's table of contents). */
  family: 'host-dies' | 'world-broken' | 'poisoned' | 'differs' | 'misuse' | 'disk';
  /** The case's files (POSIX paths in its own directory); the first is the entry unless `entry` says. */
  files: Record<string, string>;
  entry?: string;
  /** Options for both the in-process run and node (JSON). */
  options?: Record<string, unknown>;
  /**
   * The in-process call, a JS expression with the library's exports, `entry` and `dir` in scope.
   * Default: `runAsMain(entry, { cwd: dir, ...options })`.
   */
  call?: string;
  /** Default `'node'`: a RunResult equal to what runInNode gives for the same file. */
  expect?: 'node' | { usageError: RegExp } | { check: (report: CaseReport, dir: string) => string[] };
  /**
   * The thrown Error's stack cannot be read when the report is made (a throwing `stack` getter or
   * Error.prepareStackTrace, no frames, a custom stack): Node takes the source line and caret
   * above its report from V8's message, which an in-process run has no access to (README, limits).
   * The comparison leaves them out of node's report.
   */
  noThrowSite?: true;
  /** Only these fields are compared with node; `why` says why the others cannot be. */
  compare?: (keyof Comparable)[];
  why?: string;
  /**
   * Changes the script makes that the SPEC lets persist (edits to built-in prototypes and
   * modules, README's limits), as prefixes of the driver's change lines (`Array.prototype.push`).
   * The driver puts them back before the probes.
   */
  leaves?: string[];
  /** Files (relative to the case's directory) the in-process run must not create on the real disk. */
  absent?: string[];
}
