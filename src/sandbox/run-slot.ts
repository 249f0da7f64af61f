import { MapPrototypeDelete, MapPrototypeGet, MapPrototypeSet, SafeMap } from '../primordials.js';
import type { RunState } from './run-state.js';

/**
 * State a module keeps for each run, stored on the run itself. Not a module-level WeakMap keyed
 * by the run: V8's young-generation collections keep a long-lived WeakMap's entries alive until
 * a full GC, and with them everything of the run they reach (CONTRIBUTING.md, "Objects made per
 * run").
 */
export class RunSlot<T> {
  // Map's methods as the library found them: a script may have replaced Map.prototype.get.
  get(run: RunState): T | undefined {
    const slots = run.slots;
    return slots === undefined ? undefined : (MapPrototypeGet(slots, this) as T | undefined);
  }

  set(run: RunState, value: T): void {
    MapPrototypeSet((run.slots ??= new SafeMap()), this, value);
  }

  delete(run: RunState): void {
    if (run.slots !== undefined) MapPrototypeDelete(run.slots, this);
  }
}
