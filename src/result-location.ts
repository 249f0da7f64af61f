/**
 * Where a run ran: its cwd and its entry file, kept on the RunResult under a hidden key. The
 * vitest entry's serializer and matchers read it to write those directories as placeholders and
 * to resolve paths against the run's cwd. They are built as a bundle of their own, apart from
 * the engine's, so the key is a registered symbol: both copies of this module find the same one.
 */
const RUN_LOCATION = Symbol.for('run-as-main.location');

export interface RunLocation {
  /** The run's cwd, absolute. */
  cwd: string;
  /** The entry file the run executed, absolute. */
  entry: string;
}

/** Keeps `location` on `result`, non-enumerable: snapshots and `toEqual` do not see it. */
export function setRunLocation(result: object, cwd: string, entry: string): void {
  Object.defineProperty(result, RUN_LOCATION, { value: { cwd, entry } satisfies RunLocation });
}

/** The location a run left on its result, or undefined for an object the library did not make. */
export function runLocationOf(result: object): RunLocation | undefined {
  const location = (result as { [RUN_LOCATION]?: unknown })[RUN_LOCATION];
  if (typeof location !== 'object' || location === null) return undefined;
  const { cwd, entry } = location as Partial<RunLocation>;
  return typeof cwd === 'string' && typeof entry === 'string' ? { cwd, entry } : undefined;
}
