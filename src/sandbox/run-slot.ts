import type { RunState } from './run-state.js';

/**
 * State a module keeps for each run, stored on the run itself. Not a module-level WeakMap keyed
 * by the run: V8's young-generation collections keep a long-lived WeakMap's entries alive until
 * a full GC, and with them everything of the run they reach (CONTRIBUTING.md, "Objects made per
 * run").
 */
export class RunSlot<T> {
  get(run: RunState): T | undefined {
    return run.slots?.get(this) as T | undefined;
  }

  set(run: RunState, value: T): void {
    (run.slots ??= new Map()).set(this, value);
  }

  delete(run: RunState): void {
    run.slots?.delete(this);
  }
}
