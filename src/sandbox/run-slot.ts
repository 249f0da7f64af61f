import type { RunState } from './run-state.js';

/**
 * State a module keeps for each run, stored on the run itself. Not a module-level WeakMap keyed
 * by the run: V8's scavenger keeps the entries of a long-lived WeakMap alive until a full GC, so
 * every run's objects were promoted to the old generation, and young-generation collections took
 * most of a warm run's time.
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
