import type { RunResult } from '../result.js';
import { describeType, isRunResult } from './is-run-result.js';
import { SNAPSHOT_FIELDS, type SnapshotField } from './render-run-result.js';

/** Registered, like the run's location: the serializer may come from another copy of this module. */
const PICKED = Symbol.for('run-as-main.picked');

/** Some parts of a RunResult, for a snapshot that shows only those (see `pickResult`). */
export interface PickedRunResult<F extends SnapshotField = SnapshotField> {
  readonly [PICKED]: true;
  readonly result: RunResult<unknown>;
  /** The parts, in the order a snapshot shows them. */
  readonly fields: readonly F[];
}

/**
 * Picks the parts of a RunResult a snapshot shows: the serializer then prints those only, each
 * even when empty, in the same layout as a whole result. For assertions on a few fields without
 * a snapshot, use the matchers or `toMatchObject`.
 *
 * @example
 * expect(pickResult(result, 'exitCode', 'output')).toMatchInlineSnapshot(`
 *   RunResult (exitCode, output)
 *     exit code: 0
 *     output:
 *       │ hello
 * `);
 */
export function pickResult<F extends SnapshotField>(result: RunResult<any>, ...fields: F[]): PickedRunResult<F> {
  if (!isRunResult(result)) {
    throw new TypeError(
      `pickResult needs a RunResult (what runAsMain resolves to) as its first argument; received ${describeType(result)}.`,
    );
  }
  if (fields.length === 0) {
    throw new TypeError(`pickResult needs at least one field to pick, one of: ${SNAPSHOT_FIELDS.join(', ')}.`);
  }
  for (const field of fields) {
    if (!(SNAPSHOT_FIELDS as readonly unknown[]).includes(field)) {
      throw new TypeError(
        `pickResult cannot pick ${JSON.stringify(field)}; the fields a snapshot shows are: ${SNAPSHOT_FIELDS.join(', ')}.`,
      );
    }
  }
  const ordered = SNAPSHOT_FIELDS.filter((field): field is F => fields.includes(field as F));
  return Object.freeze({ [PICKED]: true as const, result, fields: Object.freeze(ordered) });
}

export function isPickedRunResult(value: unknown): value is PickedRunResult {
  return typeof value === 'object' && value !== null && (value as { [PICKED]?: unknown })[PICKED] === true;
}
