import { isRunResult } from './is-run-result.js';
import { isPickedRunResult } from './pick-result.js';
import { renderRunResult } from './render-run-result.js';

/**
 * The snapshot serializer for RunResults (and `pickResult`'s picks), in the shape of
 * pretty-format's plugins, which vitest's `expect.addSnapshotSerializer` takes. `run-as-main/vitest`
 * registers it; add it yourself (`snapshotSerializers`, or `expect.addSnapshotSerializer`) only
 * when you register the matchers another way.
 */
export const runResultSerializer = {
  test(value: unknown): boolean {
    return isPickedRunResult(value) || isRunResult(value);
  },
  serialize(value: unknown, _config: unknown, indentation: string): string {
    const text = isPickedRunResult(value) ? renderRunResult(value.result, value.fields) : renderRunResult(value as never);
    // nested in an array or object, every line after the first starts at the value's column
    return text.split('\n').join(`\n${indentation}`);
  },
};
